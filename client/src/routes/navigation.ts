import { useSyncExternalStore, type MouseEvent } from 'react'
import { parseRoute, type Route } from './route'

// pushState fires no event, so our own navigations announce themselves with this one.
const NAVIGATE_EVENT = 'civic-canvas:navigate'

/** Moves to `path` inside the app without reloading the page. */
export function navigate(path: string): void {
  if (path === window.location.pathname) return
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  window.scrollTo?.(0, 0)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

const currentPathname = () => window.location.pathname

/** React hook: the current route, updated on back/forward and on `navigate`. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPathname, currentPathname)
  return parseRoute(pathname)
}

/**
 * Click handler for in-app links: plain left clicks navigate in place; modified clicks
 * (new tab, new window) keep the browser's behaviour.
 */
export function followInAppLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const href = event.currentTarget.getAttribute('href')
  if (!href?.startsWith('/')) return
  event.preventDefault()
  navigate(href)
}
