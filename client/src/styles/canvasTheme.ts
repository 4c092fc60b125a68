import { DEFAULT_THEME, type TLTheme, type TLThemeFont, type TLThemes } from 'tldraw'

/** The bundled Traditional Chinese font (@fontsource/noto-sans-tc, imported by client/src/shapes/shapes.css). */
export const CJK_FONT_FAMILY = "'Noto Sans TC'"

/** A font whose family list falls back to Noto Sans TC right after its own face. */
function withCjkFallback(font: TLThemeFont): TLThemeFont {
  const families = font.fontFamily.split(',').map((family) => family.trim())
  if (families.includes(CJK_FONT_FAMILY)) return font
  families.splice(1, 0, CJK_FONT_FAMILY)
  return { ...font, fontFamily: families.join(', ') }
}

/**
 * tldraw's theme with every canvas font falling back to Noto Sans TC: tldraw's faces have no
 * CJK glyphs, and the next fallback would otherwise be whatever the machine has. tldraw 5 sets
 * shape text's font-family from the theme, not from CSS.
 */
function themeWithCjkFallback(theme: TLTheme): TLTheme {
  const fonts = { ...theme.fonts }
  for (const name of Object.keys(fonts) as Array<keyof typeof fonts>) fonts[name] = withCjkFallback(fonts[name])
  return { ...theme, fonts }
}

/** Themes for <Tldraw themes> (a module constant: the prop is reactive). */
export const boardThemes: Partial<TLThemes> = { default: themeWithCjkFallback(DEFAULT_THEME) }
