import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { persistAppState } from './state/persistAppState'
import { appStore } from './state/appStore'
import { deviceStorage } from './user/deviceStorage'
import './styles/app.css'

persistAppState(appStore, {
  storage: deviceStorage,
  navigatorLanguage: navigator.language,
  onLocale: (locale) => document.documentElement.setAttribute('lang', locale),
})

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element to mount the app into')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
