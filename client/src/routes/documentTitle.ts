import type { Translate } from '../i18n/translate'
import type { Route } from './route'

/** The browser tab's title for a route, so several open boards can be told apart. */
export function documentTitle(route: Route, t: Translate): string {
  if (route.kind === 'board') return t('boardDocumentTitle', { boardId: route.boardId.slice(0, 8), appName: t('appName') })
  return t('appName')
}
