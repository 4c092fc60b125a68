import { useMemo } from 'react'
import { useAppStore } from '../state/appStore'
import { translatorFor, type Translate } from './translate'

/** React hook: the translate function for the app store's current locale. */
export function useT(): Translate {
  const locale = useAppStore((state) => state.locale)
  return useMemo(() => translatorFor(locale), [locale])
}
