import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { startBoardRoute } from './board/boardAhead'
import { browserServiceWorkerHost, registerServiceWorker } from './offline/registerServiceWorker'
import { parseRoute } from './routes/route'
import { persistAppState } from './state/persistAppState'
import { appStore } from './state/appStore'
import { deviceStorage } from './user/deviceStorage'
import './styles/app.css'

persistAppState(appStore, {
  storage: deviceStorage,
  navigatorLanguage: navigator.language,
  onLocale: (locale) => document.documentElement.setAttribute('lang', locale),
})

// Opening a board: its code and its data start coming now, before React renders its route.
const startRoute = parseRoute(location.pathname)
if (startRoute.kind === 'board') startBoardRoute(startRoute.boardId)

// Production builds only: in development Vite serves unhashed modules a cache would pin.
if (import.meta.env.PROD) {
  window.addEventListener('load', () => void registerServiceWorker(browserServiceWorkerHost()), { once: true })
}

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element to mount the app into')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
