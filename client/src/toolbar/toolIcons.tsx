import type { ReactElement } from 'react'

// Icons of the design-thinking tools, drawn inline (no icon CDN: workshops may be offline).
// Each is a div so tldraw can add its icon classes; strokes use currentColor like its own icons.

function icon(name: string, paths: ReactElement): ReactElement<React.HTMLAttributes<HTMLDivElement>> {
  return (
    <div className={`dt-tool-icon dt-tool-icon--${name}`} aria-hidden="true">
      <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        {paths}
      </svg>
    </div>
  )
}

/** A card with a head and shoulders: the persona. */
export const personaIcon = icon(
  'persona',
  <>
    <rect x="3" y="3" width="18" height="18" rx="2.5" />
    <circle cx="12" cy="10" r="3" />
    <path d="M6.5 18.5c1-2.6 3-3.8 5.5-3.8s4.5 1.2 5.5 3.8" />
  </>,
)

/** Columns with a wave through them: the journey map's stages and emotion curve. */
export const journeyMapIcon = icon(
  'journey-map',
  <>
    <rect x="2.5" y="4" width="19" height="16" rx="2" />
    <path d="M8.8 4v16M15.2 4v16" />
    <path d="M3.5 14c2-3 3.5-3.5 5.3-1.5s3.5 2.5 6.4-1.5 4.6-2 5.3-1" />
  </>,
)

/** Lanes split by dashed lines: the service blueprint. */
export const serviceBlueprintIcon = icon(
  'service-blueprint',
  <>
    <rect x="2.5" y="4" width="19" height="16" rx="2" />
    <path d="M2.5 9.3h19" strokeDasharray="2 2" />
    <path d="M2.5 14.6h19" strokeDasharray="2 2" />
    <path d="M7 4v16" />
  </>,
)

/** Three people linked: a stakeholder and the B / R / C they carry. */
export const stakeholderIcon = icon(
  'stakeholder',
  <>
    <circle cx="12" cy="6.5" r="2.6" />
    <circle cx="5.5" cy="16.5" r="2.6" />
    <circle cx="18.5" cy="16.5" r="2.6" />
    <path d="M10.6 8.8 7 14.2M13.4 8.8l3.6 5.4M8.1 16.5h7.8" />
  </>,
)
