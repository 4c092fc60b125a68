/**
 * CPU profile of the binding alone:
 * `node --import tsx bench/binding/profileBinding.ts [case] [runs] [--end-of-task] [--out=file.cpuprofile]`
 * profiles only the "via binding" step of a case (create, update-batch, update-each; default
 * all), each run on freshly prepared state, and prints the functions with the most self and
 * inclusive time. `--out` also writes the profile for DevTools.
 */
import { Session, type Profiler } from 'node:inspector'
import { writeFileSync } from 'node:fs'
import { collectGarbage } from '../lib/gc'
import { prepareCase, type ApplyRemote, type BindingCaseKind } from './bindingCases'

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  )
}

function frameName(frame: Profiler.ProfileNode['callFrame']): string {
  const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(client|bench)\//, '$1/')
  return `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
}

/** Self time per function, and inclusive time (self plus callees) per function. */
function times(profile: Profiler.Profile): { self: Map<string, number>; inclusive: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const deltas = profile.timeDeltas ?? []
  ;(profile.samples ?? []).forEach((id, i) => {
    // The first delta counts from the profiler's start, which includes its own start-up.
    if (i === 0) return
    const ms = (deltas[i] ?? 0) / 1000
    const key = frameName(byId.get(id)!.callFrame)
    self.set(key, (self.get(key) ?? 0) + ms)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = frameName(byId.get(at)!.callFrame)
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
    }
  })
  return { self, inclusive }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length)
  const positional = args.filter((a) => !a.startsWith('--'))
  const kinds: BindingCaseKind[] = positional[0] ? [positional[0] as BindingCaseKind] : ['create', 'update-batch', 'update-each']
  const applyRemote: ApplyRemote = args.includes('--end-of-task') ? 'end-of-task' : 'at-once'
  const runs = Number(positional[1] ?? 10)
  const session = new Session()
  session.connect()
  await post(session, 'Profiler.enable')
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 })
  for (const kind of kinds) prepareCase(kind, 200, applyRemote).bound() // warm the JIT
  const prepared = kinds.flatMap((kind) => Array.from({ length: runs }, () => prepareCase(kind, 1000, applyRemote)))
  collectGarbage()
  await post(session, 'Profiler.start')
  for (const p of prepared) p.bound()
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop')
  for (const p of prepared) p.check()
  if (out) writeFileSync(out, JSON.stringify(profile))
  const { self, inclusive } = times(profile)
  const total = [...self.values()].reduce((sum, ms) => sum + ms, 0)
  const line = ([key, ms]: [string, number]) => `${ms.toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}`
  console.log(`${kinds.join(', ')}: ${runs} run(s) each, ${total.toFixed(0)} ms sampled\n\nself time:`)
  for (const entry of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(line(entry))
  console.log('\ninclusive time, binding and store functions:')
  const ours = [...inclusive].filter(([key]) => /client\/|@tldraw\/store|applyUpdate |readUpdateV2|cleanupTransactions/.test(key))
  for (const entry of ours.sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(line(entry))
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
