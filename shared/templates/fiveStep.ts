import type { TLDefaultColorStyle, TLRecord } from '@tldraw/tlschema'
import type { Locale } from '../i18n-terms'
import { STEP_IDS, type StepId } from '../session/steps'
import { blueprintSizeFor } from '../shapes/serviceBlueprint'
import { STAKEHOLDER_SIZE } from '../shapes/stakeholder'
import { PERSONA_SIZE } from '../shapes/persona'
import { defaultStageSpecs, journeyMap, personaCard, serviceBlueprint, stakeholderCard } from './designShapes'
import { TEMPLATE_PAGE_ID, TemplateBoard, tr, type Bilingual, type Box } from './templateBoard'

// The five-step workshop board: one frame per step of design thinking, left to right, each
// with its prompt and starting content. Frames, prompts and the feedback grid's areas are the
// structure (locked, `meta.templateLocked`); personas, maps, cards and notes are content
// participants fill in, so they are not locked and sit on the page, not inside the frames
// (tldraw treats children of a locked frame as locked too).

/** What each step is called and asks the team to do. */
export const STEP_TEXTS: Record<StepId, { name: Bilingual; prompt: Bilingual }> = {
  empathize: {
    name: tr('同理', 'Empathize'),
    prompt: tr(
      '訪談與觀察使用者，整理成人物誌：基本資料、價值觀、期待、痛點與生活方式。',
      'Interview and observe users; capture them as personas: basic data, values, expectations, pain points and lifestyle.'
    ),
  },
  define: {
    name: tr('定義', 'Define'),
    prompt: tr(
      '畫出今天服務的顧客旅程地圖：每個階段的行為、接觸點、想法與情緒，找出痛點與需求。',
      "Map today's service as a customer journey: actions, touchpoints, thoughts and emotions at each stage; name the pain points and needs."
    ),
  },
  ideate: {
    name: tr('發想', 'Ideate'),
    prompt: tr(
      '針對痛點盡量多寫點子，一張便利貼一個點子；接著分群、投票。',
      'Write as many ideas for the pain points as you can, one per sticky note; then cluster them and vote.'
    ),
  },
  prototype: {
    name: tr('原型', 'Prototype'),
    prompt: tr(
      '用服務藍圖設計新服務的前臺與後臺，並把每個步驟連到它依賴的利害關係人，做 BRiCS 分析。',
      "Design the new service's front stage and back stage as a service blueprint, link each step to the stakeholders it depends on, and fill in their BRiCS."
    ),
  },
  test: {
    name: tr('測試', 'Test'),
    prompt: tr(
      '請使用者試用原型並記錄回饋：做得好的、需要改的、疑問與新點子，再回頭疊代。',
      'Let users try the prototype and record their feedback: what worked, what to change, questions and new ideas; then go round again.'
    ),
  },
}

/** The four areas of the test step's feedback grid, in reading order. */
export const FEEDBACK_AREAS = ['worked', 'change', 'questions', 'ideas'] as const
export type FeedbackArea = (typeof FEEDBACK_AREAS)[number]

const FEEDBACK_LABELS: Record<FeedbackArea, Bilingual> = {
  worked: tr('做得好的', 'What worked'),
  change: tr('需要改的', 'What to change'),
  questions: tr('疑問', 'Questions'),
  ideas: tr('新點子', 'New ideas'),
}

const FRAME_HEIGHT = 2000
const FRAME_GAP = 240
const PAD = 60
/** Where content starts below a frame's top edge, under the prompt. */
const CONTENT_TOP = 200
const NOTE_SIDE = 200

const FRAME_WIDTHS: Record<StepId, number> = {
  empathize: PAD * 3 + PERSONA_SIZE.w * 2,
  define: PAD * 2 + blueprintSizeFor(5).w,
  ideate: PAD * 2 + 4 * NOTE_SIDE + 3 * PAD,
  prototype: PAD * 2 + blueprintSizeFor(5).w,
  test: PAD * 3 + 2 * 640,
}

const FRAME_COLORS: Record<StepId, TLDefaultColorStyle> = {
  empathize: 'blue',
  define: 'violet',
  ideate: 'yellow',
  prototype: 'green',
  test: 'orange',
}

/** The frame title: step number and name. */
function frameTitle(step: StepId, locale: Locale): string {
  const n = STEP_IDS.indexOf(step) + 1
  const name = STEP_TEXTS[step].name
  return locale === 'zh-tw' ? `${n}　${name['zh-tw']} ${name.en}` : `${n} · ${name.en}`
}

/** The records of the five-step workshop board. */
export function buildFiveStep(boardId: string, locale: Locale): TLRecord[] {
  const board = new TemplateBoard(boardId, locale)
  const frames = {} as Record<StepId, Box>
  let x = 0
  for (const step of STEP_IDS) {
    const box = { x, y: 0, w: FRAME_WIDTHS[step], h: FRAME_HEIGHT }
    frames[step] = box
    const frame = board.frame(`frame-${step}`, box, frameTitle(step, locale), FRAME_COLORS[step], {
      locked: true,
      meta: { step },
    })
    board.text(`prompt-${step}`, frame.id, { x: 40, y: 40, w: box.w - 80 }, board.t(STEP_TEXTS[step].prompt), { size: 'l' }, {
      locked: true,
      meta: { step },
    })
    x += box.w + FRAME_GAP
  }

  const empathize = frames.empathize
  const personaA = personaCard(board, 'empathize-persona-1', { x: empathize.x + PAD, y: CONTENT_TOP })
  personaCard(board, 'empathize-persona-2', { x: empathize.x + PAD * 2 + PERSONA_SIZE.w, y: CONTENT_TOP })
  const notesTop = CONTENT_TOP + PERSONA_SIZE.h + PAD
  board.text('empathize-notes-label', board.id('frame-empathize'), { x: PAD, y: notesTop, w: empathize.w - PAD * 2 },
    board.t(tr('訪談與觀察筆記', 'Interview and observation notes')), {}, { locked: true, meta: { step: 'empathize' } })
  for (let i = 0; i < 3; i++) {
    board.note(`empathize-note-${i + 1}`, TEMPLATE_PAGE_ID, { x: empathize.x + PAD + i * (NOTE_SIDE + 30), y: notesTop + 60 }, '', {
      color: 'light-blue',
    })
  }

  const define = frames.define
  journeyMap(board, 'define-journey', { x: define.x + PAD, y: CONTENT_TOP }, {
    title: board.t(tr('今天的服務旅程', "Today's service journey")),
    personaId: personaA.id,
    stages: defaultStageSpecs(locale),
  })

  const ideate = frames.ideate
  for (let row = 0; row < 2; row++) {
    for (let col = 0; col < 4; col++) {
      board.note(`ideate-note-${row * 4 + col + 1}`, TEMPLATE_PAGE_ID, {
        x: ideate.x + PAD + col * (NOTE_SIDE + PAD),
        y: CONTENT_TOP + row * (NOTE_SIDE + PAD),
      }, '')
    }
  }

  const prototype = frames.prototype
  serviceBlueprint(board, 'prototype-blueprint', { x: prototype.x + PAD, y: CONTENT_TOP }, {
    title: board.t(tr('新服務的服務藍圖', 'Blueprint of the new service')),
    stages: defaultStageSpecs(locale),
  })
  const cardsTop = CONTENT_TOP + blueprintSizeFor(5).h + PAD
  const cards = [
    { group: 'user', sector: 'civil-society' },
    { group: 'co-provider', sector: 'business' },
    { group: 'watcher', sector: 'civil-society' },
  ] as const
  cards.forEach((card, i) => {
    stakeholderCard(board, `prototype-stakeholder-${i + 1}`, {
      x: prototype.x + PAD + i * (STAKEHOLDER_SIZE.w + PAD),
      y: cardsTop,
    }, { name: '', ...card })
  })

  const test = frames.test
  const areaW = (test.w - PAD * 3) / 2
  const areaH = (FRAME_HEIGHT - CONTENT_TOP - PAD * 2) / 2
  FEEDBACK_AREAS.forEach((area, i) => {
    const col = i % 2
    const row = Math.floor(i / 2)
    board.area(`test-${area}`, board.id('frame-test'), {
      x: PAD + col * (areaW + PAD),
      y: CONTENT_TOP + row * (areaH + PAD),
      w: areaW,
      h: areaH,
    }, board.t(FEEDBACK_LABELS[area]), { color: 'grey', fill: 'semi' }, { locked: true, meta: { step: 'test', feedback: area } })
  })

  return board.records
}
