import { connect } from 'node:net'

/** A raw HTTP answer: status code, lower-cased headers and body. */
export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Sends `path` byte for byte (no URL normalisation, unlike fetch), optionally as a
 * websocket upgrade, and reads the answer until the server closes or `timeoutMs`.
 */
export function rawRequest(port: number, path: string, options: { upgrade?: boolean; timeoutMs?: number } = {}): Promise<RawAnswer> {
  const lines = [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`]
  if (options.upgrade) {
    lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13')
  } else {
    lines.push('Connection: close')
  }
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const [head = '', ...rest] = data.split('\r\n\r\n')
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of headerLines) {
        const at = line.indexOf(':')
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim()
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') })
    }
    const timer = setTimeout(finish, options.timeoutMs ?? 1000)
    socket.on('data', (chunk) => (data += chunk.toString('latin1')))
    socket.on('end', finish)
    socket.on('error', reject)
    socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  })
}
