import type { SchemaPropsInfo } from '@tldraw/tlschema'
import { JOURNEY_MAP_TYPE, journeyMapShapeMigrations, journeyMapShapeProps } from './journeyMap'
import { PERSONA_TYPE, personaShapeMigrations, personaShapeProps } from './persona'
import { SERVICE_BLUEPRINT_TYPE, serviceBlueprintShapeMigrations, serviceBlueprintShapeProps } from './serviceBlueprint'
import { STAKEHOLDER_TYPE, stakeholderShapeMigrations, stakeholderShapeProps } from './stakeholder'

// The design-thinking shapes' schemas, importable by the Node server (no tldraw/editor imports).

export * from './keyedEntries'
export * from './mapLayout'
export * from './persona'
export * from './journeyMap'
export * from './serviceBlueprint'
export * from './stakeholder'

/**
 * Schema entries of our shapes, keyed by shape type, for
 * `createTLSchema({ shapes: { ...defaultShapeSchemas, ...designShapeSchemas } })`.
 */
export const designShapeSchemas = {
  [PERSONA_TYPE]: { props: personaShapeProps, migrations: personaShapeMigrations },
  [JOURNEY_MAP_TYPE]: { props: journeyMapShapeProps, migrations: journeyMapShapeMigrations },
  [SERVICE_BLUEPRINT_TYPE]: { props: serviceBlueprintShapeProps, migrations: serviceBlueprintShapeMigrations },
  [STAKEHOLDER_TYPE]: { props: stakeholderShapeProps, migrations: stakeholderShapeMigrations },
} as const satisfies Record<string, SchemaPropsInfo>

/** Our shape types. */
export const DESIGN_SHAPE_TYPES = [PERSONA_TYPE, JOURNEY_MAP_TYPE, SERVICE_BLUEPRINT_TYPE, STAKEHOLDER_TYPE] as const
export type DesignShapeType = (typeof DESIGN_SHAPE_TYPES)[number]
