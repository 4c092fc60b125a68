import { CloseCode, type CloseCodeName } from '../../shared/closeCodes'

const NAMES = new Map<number, CloseCodeName>(
  (Object.entries(CloseCode) as Array<[CloseCodeName, number]>).map(([name, code]) => [code, name]),
)

/**
 * The metric label for a close that refuses what a client sent (its close code's name), or
 * null for closes that are not refusals (server restarting, storage trouble, limits on
 * connections, which are counted as refused connections instead).
 */
export function rejectionReason(code: number): CloseCodeName | null {
  if ((code >= 4400 && code < 4500) || code === CloseCode.rateLimited || code === CloseCode.messageTooLarge) {
    return NAMES.get(code) ?? null
  }
  return null
}
