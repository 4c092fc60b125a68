import config from '../../vite.config'

/** The names of the app build's plugins (vite.config.ts), nested plugin arrays flattened. */
export function appBuildPluginNames(): unknown[] {
  const flatten = (entry: unknown): unknown[] => (Array.isArray(entry) ? entry.flatMap(flatten) : [entry])
  return flatten(config.plugins ?? []).map((plugin) => (plugin !== null && typeof plugin === 'object' && 'name' in plugin ? plugin.name : null))
}
