import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { isValidBoardId } from '../../shared/boardId'

/** The board page's module as Vite's manifest names it (relative to the client root). */
export const BOARD_PAGE_SOURCE = 'src/board/BoardPage.tsx'

/** Where `vite build` (with `build.manifest`) writes its manifest, relative to the output dir. */
export const MANIFEST_PATH = join('.vite', 'manifest.json')

/** The parts of a Vite manifest entry this file reads. */
interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  css?: string[]
}
type Manifest = Record<string, ManifestChunk>

/** One file to fetch early: a script module or a stylesheet (fetched, not applied). */
export interface PreloadLink {
  href: string
  as: 'module' | 'style'
}

/** Whether a pathname is a board's page (`/b/<id>`, trailing slash forgiven), as the client's router reads it. */
export function isBoardPagePath(pathname: string): boolean {
  const match = /^\/b\/([^/]+)\/*$/.exec(pathname)
  if (!match) return false
  try {
    return isValidBoardId(decodeURIComponent(match[1]!))
  } catch {
    return false
  }
}

/**
 * The files the board page's lazy chunk needs that the entry does not already load: the chunk,
 * its static imports (tldraw above all) and their CSS. Without them in the HTML the browser
 * learns of these files only once the entry has run and React has rendered the board route.
 * Answers [] when the manifest has no entry or no board page.
 */
export function boardPreloadLinks(manifest: Manifest): PreloadLink[] {
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
  const board = manifest[BOARD_PAGE_SOURCE]
  if (!entry || !board) return []
  const closure = (start: ManifestChunk): Set<ManifestChunk> => {
    const seen = new Set<ManifestChunk>()
    const visit = (chunk: ManifestChunk | undefined) => {
      if (!chunk || seen.has(chunk)) return
      seen.add(chunk)
      for (const key of chunk.imports ?? []) visit(manifest[key])
    }
    visit(start)
    return seen
  }
  const loaded = closure(entry)
  const loadedCss = new Set([...loaded].flatMap((chunk) => chunk.css ?? []))
  const links: PreloadLink[] = []
  const css = new Set<string>()
  for (const chunk of closure(board)) {
    for (const file of chunk.css ?? []) if (!loadedCss.has(file)) css.add(file)
    if (!loaded.has(chunk)) links.push({ href: `/${chunk.file}`, as: 'module' })
  }
  for (const file of css) links.push({ href: `/${file}`, as: 'style' })
  return links
}

/** The `<link>` tags for `links`; `crossorigin` as on Vite's own tags, so the preloads are reused. */
export function preloadTags(links: PreloadLink[]): string {
  return links
    .map(({ href, as }) =>
      as === 'module'
        ? `<link rel="modulepreload" crossorigin href="${escapeAttribute(href)}">`
        : `<link rel="preload" as="style" crossorigin href="${escapeAttribute(href)}">`,
    )
    .join('\n    ')
}

/** `html` with `tags` at the end of its head; unchanged when it has no `</head>` or there are no tags. */
export function injectIntoHead(html: string, tags: string): string {
  const at = html.search(/<\/head>/i)
  if (at < 0 || tags === '') return html
  return `${html.slice(0, at)}  ${tags}\n  ${html.slice(at)}`
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

/**
 * Reads the build's manifest in `root` and answers the board page's preloads that exist on disk
 * (a manifest left over from another build must not make the browser fetch 404s). No manifest,
 * or an unreadable one: [] (the page still works, the chunk is just found later).
 */
export async function readBoardPreloads(root: string): Promise<PreloadLink[]> {
  let manifest: Manifest
  try {
    manifest = JSON.parse(await readFile(join(root, MANIFEST_PATH), 'utf8')) as Manifest
  } catch {
    return []
  }
  if (typeof manifest !== 'object' || manifest === null) return []
  const links = boardPreloadLinks(manifest)
  const present = await Promise.all(
    links.map(async ({ href }) => {
      try {
        return (await stat(join(root, href))).isFile()
      } catch {
        return false
      }
    }),
  )
  return links.filter((_, index) => present[index])
}
