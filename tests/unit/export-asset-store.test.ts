import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import type { TLAsset } from 'tldraw'
import { AssetUploadError, createServerAssetStore } from '../../client/src/assets/serverAssetStore'
import { startTestServer } from '../server/support/testServer'

/** A board made through the API, and its participant link's token (uploads need one that may edit). */
async function newBoard(base: string): Promise<{ boardId: string; token: string }> {
  const res = await fetch(`${base}/api/boards`, { method: 'POST' })
  const body = (await res.json()) as { id: string; tokens: { participant: string } }
  return { boardId: body.id, token: body.tokens.participant }
}

function pngFile(name = 'photo.png'): File {
  const png = new PNG({ width: 3, height: 2 })
  png.data.fill(90)
  return new File([Uint8Array.from(PNG.sync.write(png))], name, { type: 'image/png' })
}

const asset = { id: 'asset:x', typeName: 'asset', type: 'image', props: { src: null }, meta: {} } as unknown as TLAsset

describe('client asset store against our server', () => {
  it('uploads an image and keeps only its URL, which serves the same bytes', async () => {
    const server = await startTestServer()
    const { boardId, token } = await newBoard(server.url)
    const store = createServerAssetStore({ boardId, baseUrl: server.url, getToken: () => token })
    const file = pngFile()
    const { src } = await store.upload(asset, file)
    expect(src.startsWith(`${server.url}/api/assets/`)).toBe(true)
    expect(src).not.toMatch(/^data:/)
    const served = new Uint8Array(await (await fetch(src)).arrayBuffer())
    expect(served).toEqual(new Uint8Array(await file.arrayBuffer()))
    expect(store.resolve?.({ ...asset, props: { src } } as TLAsset, {} as never)).toBe(src)
  })

  it.each([
    ['a GIF (type we do not take)', new File(['GIF89a'], 'a.gif', { type: 'image/gif' }), 'unsupported-type'],
    ['text named .png', new File(['hello, not an image'], 'fake.png', { type: 'image/png' }), 'unsupported-type'],
    ['a PNG above the limit', new File([Uint8Array.from(PNG.sync.write(new PNG({ width: 64, height: 64 }))), new Uint8Array(4096)], 'big.png', { type: 'image/png' }), 'too-large'],
  ])('refuses %s with a reason', async (_name, file, reason) => {
    const server = await startTestServer({ assetMaxBytes: 2048 })
    const { boardId, token } = await newBoard(server.url)
    const store = createServerAssetStore({ boardId, baseUrl: server.url, getToken: () => token })
    const error = await store.upload(asset, file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AssetUploadError)
    expect((error as AssetUploadError).reason).toBe(reason)
    expect((error as AssetUploadError).message.length).toBeGreaterThan(10)
  })

  it('is refused without a token that may edit the board', async () => {
    const server = await startTestServer()
    const { boardId } = await newBoard(server.url)
    const error = await createServerAssetStore({ boardId, baseUrl: server.url }).upload(asset, pngFile()).catch((e: unknown) => e)
    expect((error as AssetUploadError).reason).toBe('refused')
    expect((error as AssetUploadError).status).toBe(403)
  })

  it('sends the board token as a bearer header and reports an unreachable server as a network failure', async () => {
    const seen: Array<Record<string, string>> = []
    const store = createServerAssetStore({
      boardId: 'board-id-1234567890',
      getToken: () => 'v1.abc.def',
      fetch: async (_url, init) => {
        seen.push(init?.headers as Record<string, string>)
        throw new TypeError('fetch failed')
      },
    })
    const error = await store.upload(asset, pngFile()).catch((e: unknown) => e)
    expect((error as AssetUploadError).reason).toBe('network')
    expect(seen[0]).toMatchObject({ Authorization: 'Bearer v1.abc.def', 'Content-Type': 'image/png' })
  })
})
