import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { Locale } from '../i18n-terms'
import { blueprintSizeFor } from '../shapes/serviceBlueprint'
import { STAKEHOLDER_SIZE } from '../shapes/stakeholder'
import { linkStepsToStakeholders, stakeholderRow, stepNotes, type StepSpec } from './blueprintSteps'
import { frontStageMiddle, serviceBlueprint, type StakeholderSpec } from './designShapes'
import { TEMPLATE_PAGE_ID, TemplateBoard, tr } from './templateBoard'

// The course's worked BRiCS example, the bus-arrival app 台北等公車 built on the city's open
// bus data, as a filled board: a small blueprint of the service and the five stakeholders with
// their benefits, risks and costs (each cost and risk names who carries it), every provider
// step linked to the stakeholders it depends on. It passes all four BRiCS checks.

/** The stakeholder cards of the example, by record name. */
export const BUS_ARRIVAL_STAKEHOLDERS = ['riders', 'app-maker', 'government', 'telecoms', 'civic-groups'] as const
type Who = (typeof BUS_ARRIVAL_STAKEHOLDERS)[number]

/** Room between the cards' bottom edge and the front-stage steps, for the arrows to rise through. */
const ARROW_RISE = 120

function stakeholderSpecs(board: TemplateBoard, who: (name: Who) => TLShapeId): Record<Who, StakeholderSpec> {
  const t = board.t.bind(board)
  return {
    riders: {
      name: t(tr('乘客', 'Riders')),
      group: 'user',
      sector: 'civil-society',
      benefits: [{ text: t(tr('一分鐘內掌握公車位置，少等車', 'Know where the bus is within a minute; less waiting')) }],
      risks: [
        { text: t(tr('使用資料被販售或濫用（個資風險）', 'Usage data sold or misused (personal data risk)')), carrierId: who('riders') },
      ],
      costs: [
        { text: t(tr('手機與行動數據方案', 'A phone and a mobile data plan')), carrierId: who('riders') },
        { text: t(tr('下載並學會使用 App', 'Installing and learning the app')), carrierId: who('riders') },
        { text: t(tr('留意並決定是否同意使用資料', 'Attention to consent for data use')), carrierId: who('riders') },
      ],
    },
    'app-maker': {
      name: t(tr('民間 App 業者', 'Private app maker')),
      group: 'co-provider',
      sector: 'business',
      benefits: [{ text: t(tr('使用者與廣告收入', 'Users and advertising income')) }],
      risks: [
        { text: t(tr('違反個資法的法律與商譽風險', 'Legal and reputational risk of breaking the data protection law')), carrierId: who('app-maker') },
      ],
      costs: [
        { text: t(tr('可持續的商業模式（廣告？販售使用資料？）', 'A business model that lasts (ads? selling usage data?)')), carrierId: who('app-maker') },
        { text: t(tr('遵守個人資料保護法', 'Compliance with the personal data protection law')), carrierId: who('app-maker') },
        { text: t(tr('開發與維運 App', 'Building and running the app')), carrierId: who('app-maker') },
      ],
    },
    government: {
      name: t(tr('市政府交通局', 'City transport department')),
      group: 'co-provider',
      sector: 'government',
      benefits: [
        {
          text: t(tr('更多人搭公車；不必自己開發 App 就能服務市民', 'More people ride the bus; citizens are served without the city building the app')),
        },
      ],
      risks: [
        { text: t(tr('資料錯誤或中斷時民眾抱怨市府', 'Citizens blame the city when the data is wrong or down')), carrierId: who('government') },
      ],
      costs: [
        { text: t(tr('提供即時公車動態開放資料', 'Publishing real-time bus positions as open data')), carrierId: who('government') },
        { text: t(tr('站牌周邊的網路涵蓋', 'Network coverage around bus stops')), carrierId: who('government') },
        { text: t(tr('執行個資法', 'Enforcing the personal data law')), carrierId: who('government') },
      ],
    },
    telecoms: {
      name: t(tr('電信業者', 'Telecom operators')),
      group: 'co-provider',
      sector: 'business',
      benefits: [{ text: t(tr('行動數據用量增加', 'More mobile data use')) }],
      costs: [{ text: t(tr('站牌周邊的網路涵蓋', 'Network coverage around bus stops')), carrierId: who('telecoms') }],
    },
    'civic-groups': {
      name: t(tr('公民團體／隱私關注者', 'Civic and privacy groups')),
      group: 'watcher',
      sector: 'civil-society',
      benefits: [{ text: t(tr('便利的服務同時保障隱私', 'A convenient service that also protects privacy')) }],
      costs: [{ text: t(tr('監督 App 業者的資料使用', "Monitoring the app maker's use of data")), carrierId: who('civic-groups') }],
    },
  }
}

/** The records of the filled 台北等公車 BRiCS board. */
export function buildBusArrival(boardId: string, locale: Locale): TLRecord[] {
  const board = new TemplateBoard(boardId, locale)
  const t = board.t.bind(board)
  const who = (name: Who) => board.id(`stakeholder-${name}`)

  board.text('title', TEMPLATE_PAGE_ID, { x: 0, y: -220, w: 2400 }, t(tr('台北等公車：BRiCS 分析', 'Taipei bus arrival app: BRiCS analysis')), {
    size: 'xl',
  })
  board.text('summary', TEMPLATE_PAGE_ID, { x: 0, y: -120, w: 2400 }, t(tr(
    '開放資料讓民間業者做出公車到站 App。左邊是服務藍圖，右邊是每個利害關係人的效益（B）、風險（R）與廣義成本（C），箭頭把每個步驟連到它依賴的利害關係人。',
    'Open data let a private company build the bus-arrival app. Left: the service blueprint; right: each stakeholder’s benefits (B), risks (R) and costs (C); arrows tie every step to the stakeholders it depends on.'
  )))

  const blueprint = serviceBlueprint(board, 'blueprint', { x: 0, y: 0 }, {
    title: t(tr('台北等公車的服務藍圖', 'Blueprint of the bus-arrival app')),
    stages: [
      { key: 'check', name: t(tr('查詢到站時間', 'Check arrival time')) },
      { key: 'wait', name: t(tr('前往站牌等車', 'Go to the stop and wait')) },
      { key: 'board', name: t(tr('上車', 'Board the bus')) },
    ],
    cells: {
      check: {
        physicalEvidence: t(tr('手機上的 App 畫面', 'The app on the phone')),
        customerActions: t(tr('打開 App，查詢路線與站牌', 'Opens the app, looks up the route and stop')),
      },
      wait: {
        physicalEvidence: t(tr('站牌、到站提醒通知', 'The stop sign, an arrival alert')),
        customerActions: t(tr('算好時間出門，在站牌等車', 'Leaves on time, waits at the stop')),
      },
      board: {
        physicalEvidence: t(tr('公車、車上刷卡機', 'The bus, the card reader')),
        customerActions: t(tr('搭上公車', 'Gets on the bus')),
      },
    },
  })

  const steps: readonly StepSpec<Who>[] = [
    ['step-show-arrival', 'check', 'frontStage', tr('App 顯示公車位置與預估到站時間（每分鐘更新）', 'The app shows bus positions and arrival estimates (updated every minute)'), ['riders', 'app-maker']],
    ['step-fetch-data', 'check', 'backStage', tr('App 伺服器每分鐘抓取公車動態開放資料', "The app's server fetches the open bus data every minute"), ['app-maker', 'government']],
    ['step-open-data-api', 'check', 'supportProcesses', tr('市府公車動態系統（車機 GPS）開放資料 API', "The city's bus tracking system (on-board GPS) as an open data API"), ['government']],
    ['step-arrival-alert', 'wait', 'frontStage', tr('到站提醒推播（需使用者同意）', 'Arrival alerts (with the rider’s consent)'), ['riders', 'app-maker']],
    ['step-ads-and-data', 'wait', 'backStage', tr('廣告投放與使用資料蒐集（依個資法取得同意）', 'Ads and usage data collection (consent under the data law)'), ['app-maker', 'civic-groups']],
    ['step-coverage', 'wait', 'supportProcesses', tr('站牌周邊的行動網路', 'Mobile network around the stops'), ['telecoms', 'government']],
  ]
  stepNotes(board, blueprint, steps)

  // Cards in a row above the step lanes: the BRiCS matrix reads left to right, and the arrows
  // rise from the steps to the cards' bottom edges without crossing other cards.
  const cardsLeft = blueprintSizeFor(3).w + 300
  const cardsTop = frontStageMiddle(blueprint) - ARROW_RISE - STAKEHOLDER_SIZE.h
  const specs = stakeholderSpecs(board, who)
  stakeholderRow(board, { x: cardsLeft, y: cardsTop }, BUS_ARRIVAL_STAKEHOLDERS.map((name) => [name, specs[name]] as const))
  linkStepsToStakeholders(board, steps, who)
  return board.records
}
