import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
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

// Production builds only: in development Vite serves unhashed modules a cache would pin.
if (import.meta.env.PROD) {
  window.addEventListener('load', () => void registerServiceWorker(browserServiceWorkerHost()), { once: true })
}

// A board address: its content starts loading now, in parallel with the board page's code.
const route = parseRoute(location.pathname)
if (route.kind === 'board') {
  void import('./board/earlyBoardOpen').then(
    ({ openBoardEarly }) => openBoardEarly(route.boardId),
    // The board page loads it again, and says what went wrong if that fails too.
    () => {},
  )
}

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element to mount the app into')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
