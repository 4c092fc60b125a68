import type { TLShape } from '@tldraw/tlschema'
import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { keyedListValidator, type Keyed, type ListEntry } from './keyedEntries'

// Schema of the persona card (人物誌). One prop per field, so two people editing different
// fields of one card at the same time both keep their edits; list fields are keyed lists.

/** The shape type of the persona card. */
export const PERSONA_TYPE = 'persona'

/** Basic data the course names: age, job, place, digital skills. */
export interface PersonaBasicData {
  age: string
  job: string
  place: string
  digitalSkills: string
}

/** Initials or an emoji, or an image uploaded to our server (never inlined). */
export interface PersonaAvatar {
  text: string
  /** URL of an image stored by our server, or '' when the avatar is text. */
  imageUrl: string
}

/** Props of the persona card. */
export interface PersonaProps {
  w: number
  h: number
  name: string
  avatar: PersonaAvatar
  role: string
  basicData: PersonaBasicData
  values: Keyed<ListEntry>
  expectations: Keyed<ListEntry>
  painPoints: Keyed<ListEntry>
  lifestyle: string
  goals: Keyed<ListEntry>
  quote: string
  devices: Keyed<ListEntry>
}

/** The list-valued persona fields, in display order. */
export const PERSONA_LIST_FIELDS = ['values', 'expectations', 'painPoints', 'goals', 'devices'] as const
export type PersonaListField = (typeof PERSONA_LIST_FIELDS)[number]

/** The single-text persona fields. */
export const PERSONA_TEXT_FIELDS = ['name', 'role', 'lifestyle', 'quote'] as const
export type PersonaTextField = (typeof PERSONA_TEXT_FIELDS)[number]

/** The keys of the basic data block. */
export const PERSONA_BASIC_DATA_KEYS = ['age', 'job', 'place', 'digitalSkills'] as const

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [PERSONA_TYPE]: PersonaProps
  }
}

/** The persona card record. */
export type PersonaShape = TLShape<typeof PERSONA_TYPE>

/** Validators for the persona card's props. */
export const personaShapeProps = {
  w: T.nonZeroFiniteNumber,
  h: T.nonZeroFiniteNumber,
  name: T.string,
  avatar: T.object({ text: T.string, imageUrl: T.string }),
  role: T.string,
  basicData: T.object({ age: T.string, job: T.string, place: T.string, digitalSkills: T.string }),
  values: keyedListValidator,
  expectations: keyedListValidator,
  painPoints: keyedListValidator,
  lifestyle: T.string,
  goals: keyedListValidator,
  quote: T.string,
  devices: keyedListValidator,
}

/** Migration ids of the persona card, oldest first. */
export const personaMigrationIds = createShapePropsMigrationIds(PERSONA_TYPE, {
  AddQuoteGoalsDevices: 1,
})

/** Migrations of the persona card: v0 cards had no quote, goals or devices. */
export const personaShapeMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: personaMigrationIds.AddQuoteGoalsDevices,
      up(props) {
        props.quote = ''
        props.goals = {}
        props.devices = {}
      },
      down(props) {
        delete props.quote
        delete props.goals
        delete props.devices
      },
    },
  ],
})

/** Default size of a new persona card. */
export const PERSONA_SIZE = { w: 360, h: 640 } as const

/** Props of a new, empty persona card. */
export function defaultPersonaProps(): PersonaProps {
  return {
    ...PERSONA_SIZE,
    name: '',
    avatar: { text: '', imageUrl: '' },
    role: '',
    basicData: { age: '', job: '', place: '', digitalSkills: '' },
    values: {},
    expectations: {},
    painPoints: {},
    lifestyle: '',
    goals: {},
    quote: '',
    devices: {},
  }
}
