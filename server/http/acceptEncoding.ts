import type { ContentEncoding } from '../../shared/precompressed'

/**
 * The content encodings a request's `Accept-Encoding` allows among those the server keeps
 * precompressed (RFC 9110 §12.5.3): listed ones unless given `q=0`; `*` stands for every one
 * not listed. Answers an empty set for no header, which allows only the file as it is.
 */
export function acceptedEncodings(header: string | string[] | undefined, known: readonly ContentEncoding[]): Set<ContentEncoding> {
  const accepted = new Set<ContentEncoding>()
  if (header === undefined) return accepted
  const listed = new Map<string, boolean>()
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim())
    if (name === '') continue
    const q = params.find((param) => /^q\s*=/i.test(param))
    const refused = q !== undefined && Number(q.slice(q.indexOf('=') + 1).trim()) === 0
    listed.set(name.toLowerCase(), !refused)
  }
  const anyOther = listed.get('*') === true
  for (const encoding of known) {
    const allowed = listed.get(encoding)
    if (allowed === true || (allowed === undefined && anyOther)) accepted.add(encoding)
  }
  return accepted
}
