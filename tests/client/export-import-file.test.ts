import { describe, expect, it } from 'vitest'
import { createTLSchema, defaultShapeSchemas, type TLRecord } from 'tldraw'
import { designShapeSchemas } from '../../shared/shapes'
import { buildBusArrival } from '../../shared/templates/busArrival'
import { checkImportSize, ImportError, MAX_IMPORT_BYTES, parseBoardFile } from '../../client/src/import/boardFile'
import { assetUrlsIn, dataUrlToFile, inlineAssetSources, rewriteUrls } from '../../client/src/import/boardAssets'
import { importBoardFile } from '../../client/src/import/importBoard'

const schema = createTLSchema({ shapes: { ...defaultShapeSchemas, ...designShapeSchemas } })
const BOARD = 'importboard00000001'

function tldrText(records: TLRecord[] = buildBusArrival(BOARD, 'zh-tw'), extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ tldrawFileFormatVersion: 1, schema: schema.serialize(), records, ...extra })
}

describe('parseBoardFile', () => {
  it('opens a .tldr of a filled board with the same shapes, migrated to our schema', () => {
    const records = buildBusArrival(BOARD, 'zh-tw')
    const result = parseBoardFile(tldrText(records), schema)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const shapeIds = (list: TLRecord[]) => list.filter((r) => r.typeName === 'shape').map((r) => r.id).sort()
    expect(shapeIds(result.file.records)).toEqual(shapeIds(records))
    expect(result.file.kind).toBe('tldr')
    const rider = result.file.records.find((r) => r.typeName === 'shape' && r.type === 'stakeholder' && (r.props as { name: string }).name === '乘客')
    expect(rider).toBeDefined()
  })

  it('reads a backup with its board name and images', () => {
    const backup = {
      civicCanvasBackup: 1,
      exportedAt: '2025-01-01T00:00:00Z',
      board: { id: BOARD, name: '公車到站' },
      tldrawFileFormatVersion: 1,
      schema: schema.serialize(),
      records: buildBusArrival(BOARD, 'en'),
      files: { '/api/assets/x/y.png': 'data:image/png;base64,AAAA', bad: 'http://elsewhere/x.png' },
    }
    const result = parseBoardFile(JSON.stringify(backup), schema)
    expect(result.ok && result.file.kind).toBe('backup')
    expect(result.ok && result.file.name).toBe('公車到站')
    expect(result.ok && result.file.files).toEqual({ '/api/assets/x/y.png': 'data:image/png;base64,AAAA' })
  })

  const valid = tldrText()
  const newerSchema = (() => {
    const s = schema.serialize() as { sequences: Record<string, number> }
    return JSON.stringify({ tldrawFileFormatVersion: 1, schema: { ...s, sequences: { ...s.sequences, 'com.tldraw.shape.note': 999 } }, records: buildBusArrival(BOARD, 'en') })
  })()
  it.each([
    ['truncated JSON', valid.slice(0, valid.length / 2), 'not-json'],
    ['empty file', '   ', 'empty'],
    ['JSON that is not a board', '{"hello":"world"}', 'not-board-file'],
    ['a JSON array', '[1,2,3]', 'not-board-file'],
    ['file format version from the future', tldrText(undefined, { tldrawFileFormatVersion: 7 }), 'too-new'],
    ['records from a newer schema', newerSchema, 'too-new'],
    ['backup format from the future', JSON.stringify({ civicCanvasBackup: 9, records: [] }), 'too-new'],
    ['tldraw v1 document', JSON.stringify({ document: { version: 15, pages: {} } }), 'tldraw-v1'],
    ['a shape type nobody knows', tldrText([{ id: 'shape:x', typeName: 'shape', type: 'spaceship', x: 0, y: 0, props: {}, parentId: 'page:page', index: 'a1', rotation: 0, isLocked: false, opacity: 1, meta: {} } as unknown as TLRecord]), 'invalid-records'],
    ['a board with no shapes', tldrText(buildBusArrival(BOARD, 'en').filter((r) => r.typeName !== 'shape' && r.typeName !== 'binding')), 'empty'],
  ])('refuses %s', (_name, text, reason) => {
    const result = parseBoardFile(text, schema)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toBe(reason)
  })
})

describe('import size check', () => {
  const valid = tldrText()
  it.each([
    [0, 'empty'],
    [1024, null],
    [MAX_IMPORT_BYTES, null],
    [MAX_IMPORT_BYTES + 1, 'too-large'],
    [100 * 1024 * 1024, 'too-large'],
  ])('%i bytes → %s', (size, expected) => {
    expect(checkImportSize(size)).toBe(expected)
  })

  it('refuses a 100 MB file before reading it or calling the server', async () => {
    let read = false
    let called = false
    const huge = { name: 'huge.tldr', size: 100 * 1024 * 1024, text: async () => ((read = true), '') } as unknown as File
    const error = await importBoardFile(huge, {
      schema,
      serverUrl: 'ws://127.0.0.1:9/ws',
      fetch: async () => ((called = true), new Response('{}')),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).reason).toBe('too-large')
    expect([read, called]).toEqual([false, false])
  })

  it('refuses a truncated file without creating a board', async () => {
    let called = false
    const file = new File([valid.slice(0, 100)], 'cut.tldr')
    const error = await importBoardFile(file, { schema, serverUrl: 'ws://127.0.0.1:9/ws', fetch: async () => ((called = true), new Response('{}')) }).catch((e: unknown) => e)
    expect((error as ImportError).reason).toBe('not-json')
    expect(called).toBe(false)
  })
})

describe('board asset URLs', () => {
  const old = 'http://old.example/api/assets/AAAAAAAAAAAAAAAAAAAAAA/' + 'a'.repeat(64) + '.png'
  const records = [
    { id: 'asset:1', typeName: 'asset', type: 'image', props: { src: old }, meta: {} },
    { id: 'shape:p', typeName: 'shape', type: 'persona', props: { avatar: { text: '', imageUrl: old } }, meta: {} },
    { id: 'asset:2', typeName: 'asset', type: 'image', props: { src: 'data:image/png;base64,iVBORw0KGgo=' }, meta: {} },
  ] as unknown as TLRecord[]

  it('finds every asset-store URL once and rewrites it everywhere', () => {
    expect(assetUrlsIn(records)).toEqual([old])
    const rewritten = rewriteUrls(records, new Map([[old, '/api/assets/NEW/b.png']]))
    expect(JSON.stringify(rewritten)).not.toContain(old)
    expect(JSON.stringify(rewritten).match(/\/api\/assets\/NEW\/b\.png/g)).toHaveLength(2)
  })

  it('finds inline images and turns them into files', async () => {
    expect(inlineAssetSources(records)).toEqual(['data:image/png;base64,iVBORw0KGgo='])
    const file = dataUrlToFile('data:image/png;base64,iVBORw0KGgo=', 'x')!
    expect(file.type).toBe('image/png')
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(dataUrlToFile('data:text/plain,hello', 'x')).toBeNull()
  })
})
