import type { IncomingMessage, ServerResponse } from 'node:http'
import { canEditBoard } from '../../shared/access/roles'
import { isValidBoardId } from '../../shared/boardId'
import { bearerToken } from '../access/boardAccess'
import { handleAssetRoute } from '../assets/assetRoutes'
import type { AssetStore } from '../assets/assetStore'
import { errorFields, type Logger } from '../log'
import { handleOpsRoute, type OpsRoutes } from '../metrics/opsRoutes'
import { createApiHandler, type ApiOptions } from './apiRoutes'
import { HttpError, sendJson } from './json'
import { setSecurityHeaders } from './securityHeaders'
import { createStaticFiles, sendText } from './staticFiles'

export { generateBoardId } from './apiRoutes'

/** What the HTTP routes need. */
export interface HttpRoutesOptions extends ApiOptions {
  staticDir: string
  log: Logger
  /** Uploaded images (POST /api/boards/<id>/assets, GET /api/assets/<id>/<file>); no asset routes without it. */
  assets?: AssetStore
  /** GET /readyz and GET /metrics; absent: those paths fall through to the client. */
  ops?: OpsRoutes
}

/** The plain HTTP side of the server: health, the board API, and the built client. */
export function createHttpHandler(options: HttpRoutesOptions) {
  const serveStatic = createStaticFiles(options.staticDir)
  const handleApi = createApiHandler(options)
  // Uploading needs a link that may edit the board; reading an asset needs its unguessable name.
  const mayUpload = async (req: IncomingMessage, boardId: string): Promise<boolean> => {
    // A malformed id names no board: let the asset route refuse it with its 400 (it stores nothing for one).
    if (!isValidBoardId(boardId)) return true
    const result = await options.access.authorize(boardId, bearerToken(req.headers.authorization))
    return result.ok && canEditBoard(result.access.role)
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    const method = req.method ?? 'GET'

    if (pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'Use GET /healthz.' })
      return sendJson(res, 200, { ok: true })
    }
    if (options.ops && (await handleOpsRoute(req, res, pathname, options.ops))) return
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      if (options.assets && (await handleAssetRoute(req, res, pathname, { store: options.assets, log: options.log, mayUpload }))) return
      try {
        await handleApi(req, res)
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        if (error.status === 401 || error.status === 403) options.ops?.metrics.authFailures.inc({ reason: `api-${error.status}` })
        req.resume() // an unread body must not stall the connection
        sendJson(res, error.status, { error: error.message })
      }
      return
    }
    if (pathname === '/ws' || pathname.startsWith('/ws/')) {
      return sendText(res, 426, 'This is the websocket endpoint ws://<host>/ws/<boardId>?token=<token>; connect with a websocket client.')
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return sendText(res, 405, `${method} is not allowed here; the client is served with GET.`)
    }
    await serveStatic(req, res, pathname)
  }

  return function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    setSecurityHeaders(res)
    route(req, res).catch((error: unknown) => {
      options.log.log('error', 'http request failed', { method: req.method, ...errorFields(error) })
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error; see the server log.' })
      else res.destroy()
    })
  }
}
