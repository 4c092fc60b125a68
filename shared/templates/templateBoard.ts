import {
  toRichText,
  type TLArrowBinding,
  type TLArrowShape,
  type TLDefaultColorStyle,
  type TLDefaultFillStyle,
  type TLDefaultSizeStyle,
  type TLFrameShape,
  type TLGeoShape,
  type TLNoteShape,
  type TLPageId,
  type TLParentId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey, type JsonObject } from '@tldraw/utils'
import type { Locale } from '../i18n-terms'
import { MAP_LAYOUT } from '../shapes/mapLayout'
import { templateBindingId, templateShapeId } from './templateIds'

// Builds template records by hand, without tldraw's editor (the server and Node tests import
// this): every prop a shape needs is spelled out, and the schema test validates the result.

/** The page a fresh tldraw store starts with (tlschema's default page), where templates go. */
export const TEMPLATE_PAGE_ID = 'page:page' as TLPageId

/** A text in both UI languages. */
export interface Bilingual {
  'zh-tw': string
  en: string
}

/** Writes a bilingual text; zh-TW first, as the course writes it. */
export function tr(zhTw: string, en: string): Bilingual {
  return { 'zh-tw': zhTw, en }
}

/** A rectangle in page or parent coordinates. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Options every shape builder takes. */
export interface ShapeOptions {
  /** Locked for participants: `isLocked` and `meta.templateLocked` (enforced by the server). */
  locked?: boolean
  meta?: JsonObject
}

const FONT = 'sans' as const

/**
 * Collects the records of one template for one board: ids from the board id, fractional
 * indexes in creation order per parent (so later shapes draw on top), sizes remembered for
 * arrows between shapes.
 */
export class TemplateBoard {
  readonly records: TLRecord[] = []
  private readonly lastIndex = new Map<string, IndexKey>()
  private readonly boxes = new Map<string, { parentId: TLParentId; box: Box }>()

  constructor(
    readonly boardId: string,
    readonly locale: Locale
  ) {}

  /** The text in this board's locale. */
  t(text: Bilingual): string {
    return text[this.locale]
  }

  /** The deterministic shape id of `name` on this board. */
  id(name: string): TLShapeId {
    return templateShapeId(this.boardId, name)
  }

  private nextIndex(parentId: TLParentId): IndexKey {
    const index = getIndexAbove(this.lastIndex.get(parentId) ?? null)
    this.lastIndex.set(parentId, index)
    return index
  }

  /** Adds a shape record of `type` with full `props`; answers it. */
  shape<S extends TLShape>(
    name: string,
    type: S['type'],
    parentId: TLParentId,
    box: Box,
    props: S['props'],
    options: ShapeOptions = {}
  ): S {
    const id = this.id(name)
    const meta: JsonObject = { ...options.meta, ...(options.locked ? { templateLocked: true } : {}) }
    const record = {
      id,
      typeName: 'shape',
      type,
      x: box.x,
      y: box.y,
      rotation: 0,
      index: this.nextIndex(parentId),
      parentId,
      isLocked: options.locked === true,
      opacity: 1,
      props,
      meta,
    } as unknown as S
    this.records.push(record)
    this.boxes.set(id, { parentId, box })
    return record
  }

  /** The shape's box in page coordinates (parents are never rotated in templates). */
  pageBox(id: TLShapeId): Box {
    const entry = this.boxes.get(id)
    if (!entry) throw new Error(`no template shape ${id}: create it before linking to it`)
    if (entry.parentId === TEMPLATE_PAGE_ID) return entry.box
    const parent = this.pageBox(entry.parentId as TLShapeId)
    return { ...entry.box, x: parent.x + entry.box.x, y: parent.y + entry.box.y }
  }

  /** A frame on the page. */
  frame(name: string, box: Box, title: string, color: TLDefaultColorStyle, options?: ShapeOptions): TLFrameShape {
    return this.shape<TLFrameShape>(name, 'frame', TEMPLATE_PAGE_ID, box, { w: box.w, h: box.h, name: title, color }, options)
  }

  /** A wrapping text block `w` wide. */
  text(
    name: string,
    parentId: TLParentId,
    at: { x: number; y: number; w: number },
    text: string,
    style: { size?: TLDefaultSizeStyle; color?: TLDefaultColorStyle } = {},
    options?: ShapeOptions
  ): TLTextShape {
    return this.shape<TLTextShape>(
      name,
      'text',
      parentId,
      { ...at, h: 0 },
      {
        color: style.color ?? 'black',
        size: style.size ?? 'm',
        w: at.w,
        font: FONT,
        textAlign: 'start',
        autoSize: false,
        scale: 1,
        richText: toRichText(text),
      },
      options
    )
  }

  /** A sticky note; `scale` shrinks it to fit a map cell. */
  note(
    name: string,
    parentId: TLParentId,
    at: { x: number; y: number },
    text: string,
    style: { color?: TLDefaultColorStyle; scale?: number } = {},
    options?: ShapeOptions
  ): TLNoteShape {
    const scale = style.scale ?? 1
    const side = MAP_LAYOUT.noteSize * scale
    return this.shape<TLNoteShape>(
      name,
      'note',
      parentId,
      { ...at, w: side, h: side },
      {
        color: style.color ?? 'yellow',
        labelColor: 'black',
        size: 'm',
        font: FONT,
        fontSizeAdjustment: 1,
        align: 'middle',
        verticalAlign: 'middle',
        growY: 0,
        url: '',
        richText: toRichText(text),
        scale,
        textLastEditedBy: null,
      },
      options
    )
  }

  /** A labelled rectangle (label at the top), e.g. one area of the feedback grid. */
  area(
    name: string,
    parentId: TLParentId,
    box: Box,
    label: string,
    style: { color?: TLDefaultColorStyle; fill?: TLDefaultFillStyle } = {},
    options?: ShapeOptions
  ): TLGeoShape {
    return this.shape<TLGeoShape>(
      name,
      'geo',
      parentId,
      box,
      {
        geo: 'rectangle',
        dash: 'solid',
        url: '',
        w: box.w,
        h: box.h,
        growY: 0,
        scale: 1,
        flipX: false,
        flipY: false,
        labelColor: 'black',
        color: style.color ?? 'grey',
        fill: style.fill ?? 'semi',
        size: 'l',
        font: FONT,
        align: 'middle',
        verticalAlign: 'start',
        richText: toRichText(label),
      },
      options
    )
  }

  /**
   * An arrow from one shape to another, bound at both ends (the BRiCS analysis reads a
   * dependency from the two bindings). It leaves `fromId` towards its centre and ends at
   * `toAnchor` of `toId` (normalized: 0.5, 1 is the middle of the bottom edge), so arrows can
   * be kept from crossing the shapes next to their target.
   */
  arrow(
    name: string,
    fromId: TLShapeId,
    toId: TLShapeId,
    toAnchor: { x: number; y: number } = { x: 0.5, y: 0.5 },
    color: TLDefaultColorStyle = 'grey'
  ): TLArrowShape {
    const from = centre(this.pageBox(fromId))
    const target = this.pageBox(toId)
    const to = { x: target.x + target.w * toAnchor.x, y: target.y + target.h * toAnchor.y }
    const arrow = this.shape<TLArrowShape>(
      name,
      'arrow',
      TEMPLATE_PAGE_ID,
      { x: from.x, y: from.y, w: 0, h: 0 },
      {
        kind: 'arc',
        elbowMidPoint: 0.5,
        dash: 'solid',
        size: 's',
        fill: 'none',
        color,
        labelColor: 'black',
        bend: 0,
        start: { x: 0, y: 0 },
        end: { x: to.x - from.x, y: to.y - from.y },
        arrowheadStart: 'none',
        arrowheadEnd: 'arrow',
        richText: toRichText(''),
        labelPosition: 0.5,
        font: FONT,
        scale: 1,
      }
    )
    this.bind(`${name}-start`, arrow.id, fromId, 'start', { x: 0.5, y: 0.5 })
    this.bind(`${name}-end`, arrow.id, toId, 'end', toAnchor)
    return arrow
  }

  private bind(
    name: string,
    arrowId: TLShapeId,
    toId: TLShapeId,
    terminal: 'start' | 'end',
    anchor: { x: number; y: number }
  ): void {
    const isCentre = anchor.x === 0.5 && anchor.y === 0.5
    const binding: TLArrowBinding = {
      id: templateBindingId(this.boardId, name),
      typeName: 'binding',
      type: 'arrow',
      fromId: arrowId,
      toId,
      props: { terminal, normalizedAnchor: anchor, isExact: false, isPrecise: !isCentre, snap: 'none' },
      meta: {},
    }
    this.records.push(binding)
  }
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 }
}
