/**
 * `@tiptap/core` as the built app sees it (the `cachedTiptapSchema` Vite plugin points every
 * import of the package here): the package unchanged, except that `generateHTML` builds its
 * ProseMirror schema once per extension list instead of on every call.
 *
 * tldraw renders each note's rich text to HTML with `generateHTML` to measure its label, and
 * the spatial index measures every note of a board when it loads. TipTap's `generateHTML`
 * rebuilds the schema from the extensions each time (~0.3 ms); for a board of 1,000 shapes
 * that was ~300 ms of main-thread work on the way to the board being drawn
 * (docs/performance.md, section 2, "Session 7"). The HTML is the same: the schema is built
 * from the same extensions, and a schema is never changed once built.
 */
import { getHTMLFromFragment, getSchema, type Extensions, type JSONContent } from '@tiptap/core'
import { Node, type Schema } from '@tiptap/pm/model'

export * from '@tiptap/core'

// Keyed by the list itself: tldraw passes one long-lived list (its defaults, or the editor's
// text options), so a list built anew each time would only miss the cache, never share a schema.
const schemas = new WeakMap<Extensions, Schema>()

/** The schema of `extensions`, built on first use. */
export function schemaOf(extensions: Extensions): Schema {
  let schema = schemas.get(extensions)
  if (schema === undefined) {
    schema = getSchema(extensions)
    schemas.set(extensions, schema)
  }
  return schema
}

/** TipTap's `generateHTML`, on a schema built once per extension list. */
export function generateHTML(doc: JSONContent, extensions: Extensions): string {
  const schema = schemaOf(extensions)
  return getHTMLFromFragment(Node.fromJSON(schema, doc).content, schema)
}
