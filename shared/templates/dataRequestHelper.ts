import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { Locale } from '../i18n-terms'
import { PERSONA_SIZE } from '../shapes/persona'
import { blueprintSizeFor } from '../shapes/serviceBlueprint'
import { journeySizeFor } from '../shapes/journeyMap'
import { linkStepsToStakeholders, stakeholderRow, stepNotes, type StepSpec } from './blueprintSteps'
import { cellNote, frontStageMiddle, journeyMap, personaCard, serviceBlueprint } from './designShapes'
import { dataRequestPersonas, dataRequestStakeholders, type DataRequestWho } from './dataRequestHelperContent'
import { TEMPLATE_PAGE_ID, TemplateBoard, tr } from './templateBoard'

// The course's case exercise, 資料申請小幫手 (Data Request Helper), as a ready board: the two
// personas, the requester's journey on the open-data portal today (with the case's pain
// points: about 45% of requests refused, about 10% unanswered, reasons gathered nowhere), a
// blueprint of the proposed helper, and the five stakeholders' BRiCS, each provider step linked
// to the stakeholders it depends on. It passes all four BRiCS checks.

const CARD_HEIGHT = 520
/** Room between the cards' bottom edge and the front-stage steps, for the arrows to rise through. */
const ARROW_RISE = 120
const PERSONA_HEIGHT = 760
const SECTION_GAP = 400

/** The helper's provider steps: record name, stage, lane, text, and whom each depends on. */
const HELPER_STEPS: readonly StepSpec<DataRequestWho>[] = [
  ['step-show-past', 'search', 'frontStage', tr('顯示過去的申請、結果與理由', 'Shows past requests, their outcomes and reasons'), ['requesters', 'portal']],
  ['step-collect-history', 'search', 'backStage', tr('彙整「我想要更多」的歷史申請與回覆', 'Gathers past "I want more" requests and answers'), ['portal', 'civic-tech']],
  ['step-export-api', 'search', 'supportProcesses', tr('平臺提供申請資料的匯出與 API', 'The portal exports request data through an API'), ['portal']],
  ['step-suggest-similar', 'request', 'frontStage', tr('申請表提示類似案例與常見不提供理由', 'The form suggests similar requests and common reasons for refusal'), ['requesters', 'civic-tech']],
  ['step-route-request', 'request', 'backStage', tr('申請轉給權責機關', 'The request goes to the responsible agency'), ['portal', 'agencies']],
  ['step-overdue-reminder', 'reply', 'frontStage', tr('逾期未回覆時提醒機關並通知申請者', 'Overdue requests: remind the agency, tell the requester'), ['requesters', 'agencies']],
  ['step-classify-reply', 'reply', 'backStage', tr('機關依理由分類回覆（已開放、不提供、涉及個資…）', 'The agency answers with a reason category (already open, refused, personal data…)'), ['agencies', 'privacy']],
  ['step-privacy-review', 'reply', 'supportProcesses', tr('個資與去識別化審查', 'Personal data and de-identification review'), ['agencies', 'privacy']],
  ['step-demand-stats', 'follow', 'frontStage', tr('公開各主題的需求與結果統計', 'Publishes demand and outcomes by topic'), ['agencies', 'civic-tech']],
  ['step-plan-next', 'follow', 'backStage', tr('定期檢視熱門需求，規劃下一批開放資料', 'Reviews top requests regularly and plans the next data sets to open'), ['agencies']],
]

/** The records of the 資料申請小幫手 example board. */
export function buildDataRequestHelper(boardId: string, locale: Locale): TLRecord[] {
  const board = new TemplateBoard(boardId, locale)
  const t = board.t.bind(board)
  const who = (name: DataRequestWho): TLShapeId => board.id(`stakeholder-${name}`)

  board.text('title', TEMPLATE_PAGE_ID, { x: 0, y: -420, w: 3000 }, t(tr('資料申請小幫手', 'Data Request Helper')), { size: 'xl' })
  board.text('summary', TEMPLATE_PAGE_ID, { x: 0, y: -320, w: 3000 }, t(tr(
    '在政府資料開放平臺的「我想要更多」，民眾可以申請資料集。約 45% 的申請是機關不願提供的，約 10% 沒有回覆，理由也沒有被整理，每位新的申請者都得從頭開始。公民科技社群提議做一個小幫手，蒐集過去的申請、結果與理由。',
    'In the open-data portal\'s "I want more" section, citizens ask for data sets. About 45% of requests are ones the government is unwilling to provide, about 10% go unanswered, and the reasons are gathered nowhere, so every new requester starts from nothing. A civic-tech team proposed a helper that collects past requests, outcomes and reasons.'
  )))

  // Front end: personas and today's journey.
  board.text('section-personas', TEMPLATE_PAGE_ID, { x: 0, y: -100, w: 800 }, t(tr('人物誌', 'Personas')), { size: 'l' })
  const personas = dataRequestPersonas(locale)
  const requester = personaCard(board, 'persona-requester', { x: 0, y: 0 }, { ...personas.requester, h: PERSONA_HEIGHT })
  personaCard(board, 'persona-officer', { x: PERSONA_SIZE.w + 60, y: 0 }, { ...personas.officer, h: PERSONA_HEIGHT })

  const journeyLeft = PERSONA_SIZE.w * 2 + 60 + SECTION_GAP
  board.text('section-journey', TEMPLATE_PAGE_ID, { x: journeyLeft, y: -100, w: 1200 }, t(tr('顧客旅程地圖：今天怎麼申請資料', 'Customer journey: requesting data today')), { size: 'l' })
  const journey = journeyMap(board, 'journey', { x: journeyLeft, y: 0 }, {
    title: t(tr('在政府資料開放平臺申請資料集', 'Requesting a data set on the open-data portal')),
    personaId: requester.id,
    stages: [
      { key: 'need', name: t(tr('發現需要資料', 'Needs data')), emotion: 1 },
      { key: 'search', name: t(tr('在平臺搜尋', 'Searches the portal')), emotion: -1 },
      { key: 'request', name: t(tr('在「我想要更多」提出申請', 'Asks in "I want more"')), emotion: 0 },
      { key: 'wait', name: t(tr('等待機關回覆', 'Waits for the agency')), emotion: -1 },
      { key: 'outcome', name: t(tr('得到結果', 'Gets an outcome')), emotion: -2 },
    ],
    cells: {
      need: {
        actions: t(tr('研究或報導需要某類政府資料', 'Needs government data for research or a story')),
        touchpoints: t(tr('同事、新聞、搜尋引擎', 'Colleagues, news, a search engine')),
        thoughts: t(tr('政府應該有這份資料吧？', 'Surely the government has this data?')),
        opportunities: t(tr('從搜尋引擎就能找到小幫手', 'Find the helper straight from a search engine')),
      },
      search: {
        actions: t(tr('在政府資料開放平臺用關鍵字搜尋', 'Searches the open-data portal by keyword')),
        touchpoints: t(tr('平臺搜尋頁', 'The portal’s search page')),
        thoughts: t(tr('是沒有開放，還是我找錯了？', 'Is it not open, or am I searching wrong?')),
        painPoints: t(tr('找不到，也看不到別人是否申請過', 'Nothing found, and no way to see if others asked before')),
        opportunities: t(tr('搜尋時一併顯示過去的申請與結果', 'Show past requests and outcomes with the search results')),
      },
      request: {
        actions: t(tr('填寫資料需求表', 'Fills in a data request')),
        touchpoints: t(tr('「我想要更多」申請表', 'The "I want more" form')),
        thoughts: t(tr('要怎麼寫，機關才會理我？', 'How do I write this so the agency answers?')),
        painPoints: t(tr('不知道類似申請的結果與理由', 'No idea how similar requests ended, or why')),
        opportunities: t(tr('提示類似案例與常見不提供理由', 'Suggest similar requests and common reasons for refusal')),
      },
      wait: {
        actions: t(tr('不時回來看有沒有回覆', 'Checks back now and then')),
        touchpoints: t(tr('申請狀態頁、Email', 'The request page, email')),
        thoughts: t(tr('到底有沒有人在看？', 'Is anyone reading this?')),
        opportunities: t(tr('逾期未回覆自動提醒機關', 'Remind the agency automatically when an answer is overdue')),
      },
      outcome: {
        actions: t(tr('收到回覆：提供、不提供，或沒有下文', 'Gets an answer: provided, refused, or nothing')),
        touchpoints: t(tr('機關的回覆內容', 'The agency’s reply')),
        thoughts: t(tr('為什麼不給？別人也被拒絕過嗎？', 'Why not? Were others refused too?')),
        opportunities: t(tr('彙整結果與理由：申請者互相學習，機關知道該開放什麼', 'Gather outcomes and reasons: requesters learn from each other, agencies see what to open next')),
      },
    },
  })
  cellNote(board, 'pain-unanswered', journey, 'wait', 'painPoints', t(tr('約 10% 的申請沒有回覆', 'About 10% of requests are never answered')), 'light-red')
  cellNote(board, 'pain-refused', journey, 'outcome', 'painPoints', t(tr('約 45% 的申請機關不願提供，理由沒有被整理', 'About 45% are refused, and the reasons are gathered nowhere')), 'light-red')

  // Back end: the helper's blueprint and the stakeholders it depends on.
  const backTop = Math.max(PERSONA_HEIGHT, journeySizeFor(5).h) + SECTION_GAP
  board.text('section-blueprint', TEMPLATE_PAGE_ID, { x: 0, y: backTop - 100, w: 1200 }, t(tr('服務藍圖：資料申請小幫手', 'Service blueprint: the Data Request Helper')), { size: 'l' })
  const blueprint = serviceBlueprint(board, 'blueprint', { x: 0, y: backTop }, {
    title: t(tr('資料申請小幫手的服務藍圖', 'Blueprint of the Data Request Helper')),
    sourceJourneyId: journey.id,
    stages: [
      { key: 'search', name: t(tr('查詢前例', 'Look up past requests')) },
      { key: 'request', name: t(tr('提出申請', 'Make a request')) },
      { key: 'reply', name: t(tr('機關回覆', 'Agency replies')) },
      { key: 'follow', name: t(tr('追蹤與學習', 'Follow up and learn')) },
    ],
    cells: {
      search: {
        physicalEvidence: t(tr('小幫手搜尋頁：過去的申請、結果、理由', 'Helper search page: past requests, outcomes, reasons')),
        customerActions: t(tr('輸入想要的資料主題', 'Types the topic of the data wanted')),
      },
      request: {
        physicalEvidence: t(tr('申請表（附類似案例）', 'Request form with similar cases')),
        customerActions: t(tr('參考類似案例後送出申請', 'Reads similar cases, then sends the request')),
      },
      reply: {
        physicalEvidence: t(tr('Email 通知、申請狀態頁', 'Email notice, request status page')),
        customerActions: t(tr('收到回覆與理由', 'Gets the answer and the reason')),
      },
      follow: {
        physicalEvidence: t(tr('主題需求統計頁', 'Demand-by-topic page')),
        customerActions: t(tr('改用替代資料，或補充後再申請', 'Uses other data, or asks again with more detail')),
      },
    },
  })
  stepNotes(board, blueprint, HELPER_STEPS)

  // Cards in a row above the step lanes: the BRiCS matrix reads left to right, and the arrows
  // rise from the steps to the cards' bottom edges without crossing other cards.
  const cardsLeft = blueprintSizeFor(4).w + SECTION_GAP
  const cardsTop = frontStageMiddle(blueprint) - ARROW_RISE - CARD_HEIGHT
  board.text('section-brics', TEMPLATE_PAGE_ID, { x: cardsLeft, y: cardsTop - 100, w: 1600 }, t(tr('多元利害關係人 BRiCS 分析', 'Stakeholders: BRiCS analysis')), { size: 'l' })
  const stakeholders = dataRequestStakeholders(locale, who)
  stakeholderRow(board, { x: cardsLeft, y: cardsTop }, Object.entries(stakeholders).map(([name, spec]) => [name, { ...spec, h: CARD_HEIGHT }] as const))
  linkStepsToStakeholders(board, HELPER_STEPS, who)
  return board.records
}
