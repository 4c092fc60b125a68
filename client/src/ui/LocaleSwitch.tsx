import { otherLocale } from '../i18n/locale'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'
import type { Locale } from '../state/userSlice'

const localeNameKey = { en: 'localeNameEn', 'zh-TW': 'localeNameZhTW' } as const

/**
 * Toggles the UI between zh-TW and en. It is one button because there are two languages:
 * its text names the language it switches to, written in that language.
 */
export function LocaleSwitch({ className }: { className?: string }) {
  const t = useT()
  const locale = useAppStore((state) => state.locale)
  const next: Locale = otherLocale(locale)
  return (
    <button
      type="button"
      className={`button button-quiet locale-switch ${className ?? ''}`}
      data-testid="locale-switch"
      data-locale={locale}
      aria-label={t('languageSwitchLabel', { current: t(localeNameKey[locale]), other: t(localeNameKey[next]) })}
      onClick={() => appStore.getState().setLocale(next)}
    >
      <span aria-hidden="true" className="locale-switch-icon">
        文A
      </span>
      <span lang={next}>{t(localeNameKey[next])}</span>
    </button>
  )
}
