import './shapes.css'
import { JourneyMapShapeUtil } from './journey-map/JourneyMapShapeUtil'
import { JourneyMapTool } from './journey-map/JourneyMapTool'
import { PersonaShapeUtil } from './persona/PersonaShapeUtil'
import { PersonaTool } from './persona/PersonaTool'
import { ServiceBlueprintShapeUtil } from './service-blueprint/ServiceBlueprintShapeUtil'
import { ServiceBlueprintTool } from './service-blueprint/ServiceBlueprintTool'
import { StakeholderShapeUtil } from './stakeholder/StakeholderShapeUtil'
import { StakeholderTool } from './stakeholder/StakeholderTool'

// The design-thinking shapes for the board: pass `customShapeUtils` to createTLStore/<Tldraw>
// (shapeUtils) and `customShapeTools` to <Tldraw tools>. Tool ids equal the shape types.

/** Shape utils of the persona, journey map, service blueprint and stakeholder card. */
export const customShapeUtils = [PersonaShapeUtil, JourneyMapShapeUtil, ServiceBlueprintShapeUtil, StakeholderShapeUtil]

/** Tools that place each shape (ids: 'persona', 'journey-map', 'service-blueprint', 'stakeholder'). */
export const customShapeTools = [PersonaTool, JourneyMapTool, ServiceBlueprintTool, StakeholderTool]

export { BoardNoteShapeUtil } from './note/BoardNoteShapeUtil'
export { JourneyMapShapeUtil, PersonaShapeUtil, ServiceBlueprintShapeUtil, StakeholderShapeUtil }
export { JourneyMapTool, PersonaTool, ServiceBlueprintTool, StakeholderTool }
export { createBlueprintFromJourney } from './service-blueprint/createBlueprintFromJourney'
export { addStage, moveStage, removeStage } from './map/stageActions'
