import type { Locale } from '../state/userSlice'
import { en, type MessageKey, type Messages } from './en'
import { zhTW } from './zhTW'

export type { MessageKey, Messages }

/** Values that may be put into a message's `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number>>

/** A translate function bound to one locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string

/** Every UI locale we ship, with its dictionary. */
export const dictionaries: Readonly<Record<Locale, Messages>> = { en, 'zh-TW': zhTW }

/** Every supported locale, in the order the language switch offers them. */
export const locales: readonly Locale[] = ['zh-TW', 'en']

const placeholder = /\{(\w+)\}/g

/** Replaces `{name}` in `template` by `params.name`; unknown placeholders are left visible so they get noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template
  return template.replace(placeholder, (whole, name: string) => {
    const value = params[name]
    return value === undefined ? whole : String(value)
  })
}

/** Looks `key` up in `locale`'s dictionary and fills in `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(dictionaries[locale][key], params)
}

/** A translate function for one locale (what `useT` hands to components). */
export function translatorFor(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params)
}
