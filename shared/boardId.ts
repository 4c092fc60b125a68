/** Board ids: 16–64 characters of base64url; the server generates 22 (128 random bits). */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/** True when `id` is an acceptable board id (no slashes, dots or control characters). */
export function isValidBoardId(id: string): boolean {
  return BOARD_ID_PATTERN.test(id)
}
