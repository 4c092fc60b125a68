import type { TLShape } from '@tldraw/tlschema'
import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import type { IndexKey } from '@tldraw/utils'
import { keyedValidator, type Keyed } from './keyedEntries'

// Schema of the stakeholder card for the BRiCS analysis (多元利害關係人 BRiCS 分析): who the
// stakeholder is, and three keyed lists (Benefit, Risk, Cost/condition/context) whose entries
// may name the stakeholder who carries them.

/** The shape type of the stakeholder card. */
export const STAKEHOLDER_TYPE = 'stakeholder'

/** The course's stakeholder groups: users/beneficiaries, co-providers/intermediaries, issue watchers. */
export const STAKEHOLDER_GROUPS = ['user', 'co-provider', 'watcher'] as const
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number]

/** The sectors a stakeholder belongs to. */
export const STAKEHOLDER_SECTORS = ['government', 'business', 'civil-society'] as const
export type StakeholderSector = (typeof STAKEHOLDER_SECTORS)[number]

/** The three BRiCS lists, in the course's order. */
export const BRICS_KINDS = ['benefits', 'risks', 'costs'] as const
export type BricsKind = (typeof BRICS_KINDS)[number]

/** One B, R or C entry. */
export interface BricsEntry {
  text: string
  index: IndexKey
  /** Id of the stakeholder shape that carries it, or '' when nobody is named. */
  carrierId: string
}

/** Props of the stakeholder card. */
export interface StakeholderProps {
  w: number
  h: number
  name: string
  group: StakeholderGroup
  sector: StakeholderSector
  benefits: Keyed<BricsEntry>
  risks: Keyed<BricsEntry>
  costs: Keyed<BricsEntry>
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [STAKEHOLDER_TYPE]: StakeholderProps
  }
}

/** The stakeholder card record. */
export type StakeholderShape = TLShape<typeof STAKEHOLDER_TYPE>

/** Validates a carrier reference: '' or a shape id. */
export const carrierIdValidator = T.string.check((id) => {
  if (id !== '' && !id.startsWith('shape:')) {
    throw new Error(`carrier "${id}" is not a shape id: use a stakeholder's shape id or '' for nobody`)
  }
})

/** Validates one BRiCS entry. */
export const bricsEntryValidator = T.object({ text: T.string, index: T.indexKey, carrierId: carrierIdValidator })

const bricsListValidator = keyedValidator(bricsEntryValidator)

/** Validators for the stakeholder card's props. */
export const stakeholderShapeProps = {
  w: T.nonZeroFiniteNumber,
  h: T.nonZeroFiniteNumber,
  name: T.string,
  group: T.literalEnum(...STAKEHOLDER_GROUPS),
  sector: T.literalEnum(...STAKEHOLDER_SECTORS),
  benefits: bricsListValidator,
  risks: bricsListValidator,
  costs: bricsListValidator,
}

/** Migration ids of the stakeholder card, oldest first. */
export const stakeholderMigrationIds = createShapePropsMigrationIds(STAKEHOLDER_TYPE, {
  AddSector: 1,
})

/** The sector an old card without one is given: the course's default actor is an agency. */
const SECTOR_FOR_OLD_CARDS: StakeholderSector = 'government'

/** Migrations of the stakeholder card: v0 cards had a group but no sector. */
export const stakeholderShapeMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: stakeholderMigrationIds.AddSector,
      up(props) {
        props.sector = SECTOR_FOR_OLD_CARDS
      },
      down(props) {
        delete props.sector
      },
    },
  ],
})

/** Default size of a new stakeholder card. */
export const STAKEHOLDER_SIZE = { w: 340, h: 460 } as const

/** Props of a new, empty stakeholder card (a user in the government sector until chosen). */
export function defaultStakeholderProps(): StakeholderProps {
  return {
    ...STAKEHOLDER_SIZE,
    name: '',
    group: 'user',
    sector: 'government',
    benefits: {},
    risks: {},
    costs: {},
  }
}
