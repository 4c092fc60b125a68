import { describe, expect, test } from 'vitest'
import { createBoard, CreateBoardError, requestNewBoard } from '../../client/src/home/createBoard'

const id = 'AbCdEfGhIjKlMnOpQrStUv'

function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; method: string | undefined }[] = []
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method })
    return answer()
  }) as typeof fetch
  return { fn, calls }
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CreateBoardError)
  return (error as CreateBoardError).failure
}

describe('createBoard', () => {
  test('POSTs to /api/boards and answers the id', async () => {
    const { fn, calls } = fakeFetch(() => Response.json({ id }))
    await expect(createBoard(fn)).resolves.toBe(id)
    expect(calls).toEqual([{ url: '/api/boards', method: 'POST' }])
  })

  test('a network failure is reported as such', async () => {
    const { fn } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    expect(await failureOf(createBoard(fn))).toEqual({ reason: 'network' })
  })

  test('a 401 means the server wants its operator code', async () => {
    const { fn } = fakeFetch(() => Response.json({ error: 'operator code needed' }, { status: 401 }))
    expect(await failureOf(createBoard(fn))).toEqual({ reason: 'operator-code' })
  })

  test('the operator code is sent as a bearer token', async () => {
    const seen: (string | null)[] = []
    const fn = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization'))
      return Response.json({ id })
    }) as typeof fetch
    await requestNewBoard({ template: 'blank', operatorCode: '  s3cret-code  ' }, fn)
    await requestNewBoard({ template: 'blank' }, fn)
    expect(seen).toEqual(['Bearer s3cret-code', null])
  })

  test('an HTTP error keeps its status for the message', async () => {
    const { fn } = fakeFetch(() => new Response('nope', { status: 503 }))
    expect(await failureOf(createBoard(fn))).toEqual({ reason: 'server', status: 503 })
  })

  test.each([
    ['not json', () => new Response('<html>', { status: 200 })],
    ['no id', () => Response.json({ board: id })],
    ['invalid id', () => Response.json({ id: '../x' })],
    ['null body', () => Response.json(null)],
  ])('a bad answer (%s) is refused', async (_name, answer) => {
    const { fn } = fakeFetch(answer)
    expect(await failureOf(createBoard(fn))).toEqual({ reason: 'bad-response' })
  })
})
