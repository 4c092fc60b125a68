import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cachedTiptapSchema } from '../../vite.config'
import { appBuildPluginNames } from '../support/buildPlugins'

describe('the cachedTiptapSchema build plugin (vite.config.ts)', () => {
  const plugin = cachedTiptapSchema()
  const resolveId = plugin.resolveId as (source: string, importer?: string) => string | null
  const standIn = fileURLToPath(new URL('../../client/src/text/tiptapCore.ts', import.meta.url))

  it('points tldraw’s imports of @tiptap/core at the stand-in module', () => {
    expect(resolveId('@tiptap/core', '/app/node_modules/tldraw/dist-esm/lib/utils/text/richText.mjs')).toBe(standIn)
    expect(resolveId('@tiptap/core', '/app/client/src/shapes/note.tsx')).toBe(standIn)
  })

  it('lets the stand-in import the real package, and leaves everything else alone', () => {
    expect(resolveId('@tiptap/core', standIn)).toBeNull()
    expect(resolveId('@tiptap/core', `${standIn}?v=1`)).toBeNull()
    expect(resolveId('@tiptap/core/jsx-runtime', '/app/node_modules/tldraw/x.mjs')).toBeNull()
    expect(resolveId('@tiptap/pm/model', '/app/node_modules/tldraw/x.mjs')).toBeNull()
    expect(resolveId('@tiptap/core', undefined)).toBeNull()
  })

  it('is among the app build’s plugins', () => {
    expect(appBuildPluginNames()).toContain('civic-canvas:cached-tiptap-schema')
  })

  it('applies to builds only', () => {
    expect(plugin.apply).toBe('build')
    expect(plugin.enforce).toBe('pre')
  })
})
