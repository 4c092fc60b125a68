import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isBoardTemplate, MAX_BOARD_NAME_LENGTH, type BoardInfo, type CreatedBoard } from '../../shared/access/boardApi'
import { canManageVotes, canRotateTokens, canVote, type Role } from '../../shared/access/roles'
import { isValidBoardId } from '../../shared/boardId'
import { bearerToken, REFUSAL_MESSAGES, secretMatches, type BoardAccess, type GrantedAccess } from '../access/boardAccess'
import { boardTag, type Logger } from '../log'
import type { PersistenceAdapter } from '../persistence/adapter'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { VoteOutcome, VoteService } from '../votes/voteService'
import { HttpError, isClientId, readJsonObject, sendJson } from './json'

/** A new board id: 128 random bits as 22 base64url characters. */
export function generateBoardId(): string {
  return randomBytes(16).toString('base64url')
}

/** What the board API needs. */
export interface ApiOptions {
  persistence: PersistenceAdapter
  registry: RoomRegistry
  access: BoardAccess
  votes: VoteService
  log: Logger
  /** When set, creating a board needs `Authorization: Bearer <this>`. */
  boardCreateSecret: string | null
}

const BOARD_PATH = /^\/api\/boards\/([^/]+)(\/.*)?$/
const VOTE_PATH = /^\/votes\/([^/]+)\/(dots|dots\/([^/]+)|mine|close|results\.csv)$/

/** Answers `/api/...` requests (docs/protocol.md has the table). */
export function createApiHandler(options: ApiOptions) {
  const { persistence, access, votes, log } = options

  async function authorize(req: IncomingMessage, boardId: string, allowed: (role: Role) => boolean, what: string): Promise<GrantedAccess> {
    const result = await access.authorize(boardId, bearerToken(req.headers.authorization))
    if (!result.ok) {
      log.log('warn', 'api refused', { board: boardTag(boardId), status: result.refusal.status, reason: result.refusal.reason })
      throw new HttpError(result.refusal.status, REFUSAL_MESSAGES[result.refusal.reason])
    }
    if (!allowed(result.access.role)) {
      log.log('warn', 'api refused', { board: boardTag(boardId), status: 403, role: result.access.role, what })
      throw new HttpError(403, `A ${result.access.role} link may not ${what}; ask the facilitator.`)
    }
    return result.access
  }

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.boardCreateSecret !== null && !secretMatches(options.boardCreateSecret, bearerToken(req.headers.authorization))) {
      req.resume()
      log.log('warn', 'board creation refused', { reason: 'operator secret missing or wrong' })
      throw new HttpError(401, 'Creating boards on this server needs the operator secret: send Authorization: Bearer <BOARD_CREATE_SECRET>.')
    }
    const body = await readJsonObject(req)
    const name = body.name === undefined ? '' : body.name
    if (typeof name !== 'string' || name.length > MAX_BOARD_NAME_LENGTH) {
      throw new HttpError(400, `"name" must be a string of at most ${MAX_BOARD_NAME_LENGTH} characters.`)
    }
    const template = body.template === undefined ? 'blank' : body.template
    if (!isBoardTemplate(template)) {
      throw new HttpError(400, '"template" must be one of blank, five-step, data-request-helper, bus-arrival.')
    }
    const board = await persistence.createBoard({ id: generateBoardId(), name: name.trim(), template })
    log.log('info', 'board created', { board: boardTag(board.id), template })
    const answer: CreatedBoard = { id: board.id, name: board.name, template: board.template, tokens: access.issueTokens(board.id, board.generations) }
    sendJson(res, 201, answer)
  }

  async function boardRoute(req: IncomingMessage, res: ServerResponse, boardId: string, rest: string, url: URL): Promise<void> {
    const method = req.method ?? 'GET'
    if (rest === '') {
      if (method !== 'GET') throw new HttpError(405, 'Use GET /api/boards/<id> with Authorization: Bearer <token>.')
      const { board, role } = await authorize(req, boardId, () => true, 'read the board')
      const info: BoardInfo = { id: board.id, name: board.name, template: board.template, role, createdAt: board.createdAt }
      return sendJson(res, 200, info)
    }
    if (rest === '/tokens/rotate') {
      if (method !== 'POST') throw new HttpError(405, 'Use POST /api/boards/<id>/tokens/rotate.')
      req.resume()
      const { board } = await authorize(req, boardId, canRotateTokens, 'issue new links')
      const generations = await persistence.rotateTokens(boardId)
      const closed = await options.registry.revokeOlderTokens(boardId, generations)
      log.log('info', 'tokens rotated', { board: boardTag(board.id), closed })
      return sendJson(res, 200, { tokens: access.issueTokens(boardId, generations) })
    }
    const vote = VOTE_PATH.exec(rest)
    if (!vote) throw new HttpError(404, `No API route ${method} ${url.pathname}.`)
    const voteId = decodeSegment(vote[1]!)
    const action = vote[2]!
    if (action === 'dots' && method === 'POST') {
      await authorize(req, boardId, canVote, 'vote')
      const body = await readJsonObject(req)
      if (!isClientId(body.noteId) || !isClientId(body.userId)) throw new HttpError(400, 'Send { "noteId": <shape id>, "userId": <your user id> }.')
      return sendOutcome(res, 201, await votes.addDot(boardId, voteId, body.userId, body.noteId), (dots) => ({ dots }))
    }
    if (vote[3] !== undefined && method === 'DELETE') {
      await authorize(req, boardId, canVote, 'vote')
      const body = await readJsonObject(req)
      const userId = url.searchParams.get('userId') ?? body.userId
      if (!isClientId(userId)) throw new HttpError(400, 'Name whose dot it is: ?userId=<your user id>.')
      return sendOutcome(res, 200, await votes.removeDot(boardId, voteId, userId, decodeSegment(vote[3])), (dots) => ({ dots }))
    }
    if (action === 'mine' && method === 'GET') {
      await authorize(req, boardId, canVote, 'vote')
      const userId = url.searchParams.get('userId')
      if (!isClientId(userId)) throw new HttpError(400, 'Name whose dots to list: ?userId=<your user id>.')
      return sendJson(res, 200, { dots: await votes.mine(boardId, voteId, userId) })
    }
    if (action === 'close' && method === 'POST') {
      req.resume()
      await authorize(req, boardId, canManageVotes, 'close a vote')
      return sendOutcome(res, 200, await votes.close(boardId, voteId), (closed) => ({ vote: closed }))
    }
    if (action === 'results.csv' && method === 'GET') {
      await authorize(req, boardId, canManageVotes, 'export vote results')
      const outcome = await votes.resultsCsv(boardId, voteId)
      if (!outcome.ok) throw new HttpError(outcome.status, outcome.error)
      res.statusCode = 200
      res.setHeader('Content-Type', 'text/csv; charset=utf-8')
      res.setHeader('Content-Disposition', `attachment; filename="vote-${boardId.slice(0, 6)}.csv"`)
      res.setHeader('Cache-Control', 'no-store')
      res.end(outcome.value)
      return
    }
    throw new HttpError(405, `${method} is not allowed on ${url.pathname}.`)
  }

  /** Answers an /api request; throws HttpError for the caller to send. */
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = req.method ?? 'GET'
    if (url.pathname === '/api/time') {
      if (method !== 'GET') throw new HttpError(405, 'Use GET /api/time.')
      return sendJson(res, 200, { now: Date.now() })
    }
    if (url.pathname === '/api/boards') {
      if (method !== 'POST') throw new HttpError(405, 'Use POST /api/boards to create a board.')
      return createBoard(req, res)
    }
    const board = BOARD_PATH.exec(url.pathname)
    if (board) {
      const boardId = board[1]!
      if (!isValidBoardId(boardId)) throw new HttpError(400, 'Invalid board id: expected 16 to 64 characters from A-Z, a-z, 0-9, "-" and "_".')
      return boardRoute(req, res, boardId, board[2] ?? '', url)
    }
    throw new HttpError(404, `No API route ${method} ${url.pathname}.`)
  }
}

function sendOutcome<T>(res: ServerResponse, status: number, outcome: VoteOutcome<T>, body: (value: T) => unknown): void {
  if (!outcome.ok) throw new HttpError(outcome.status, outcome.error)
  sendJson(res, status, body(outcome.value))
}

function decodeSegment(segment: string): string {
  let value: string
  try {
    value = decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'A path segment is not valid percent-encoding.')
  }
  if (!isClientId(value)) throw new HttpError(400, 'An id in the path is empty, too long or holds control characters.')
  return value
}
