// Pure rules over board records: map geometry and cell hit-test, the emotion curve, note
// placement, the BRiCS analysis and its checks, and blueprint-from-journey.

export * from './mapGeometry'
export * from './emotionCurve'
export * from './richText'
export * from './notePlacement'
export * from './bricsAnalysis'
export * from './bricsChecks'
export * from './blueprintFromJourney'
export * from './stageEdits'
