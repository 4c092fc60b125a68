import type { TLShapeId } from '@tldraw/tlschema'
import type { Locale } from '../i18n-terms'
import type { PersonaSpec, StakeholderSpec } from './designShapes'
import { tr, type Bilingual } from './templateBoard'

// What the 資料申請小幫手 example says: its two personas and its five stakeholders' BRiCS,
// written from the course's case (shared/domain.md) in zh-TW and English.

/** The stakeholder cards of the example, by record name, in board order. */
export const DATA_REQUEST_WHO = ['requesters', 'agencies', 'portal', 'civic-tech', 'privacy'] as const
export type DataRequestWho = (typeof DATA_REQUEST_WHO)[number]

function pick(locale: Locale) {
  return (text: Bilingual) => text[locale]
}

/** The data requester and the agency's data officer. */
export function dataRequestPersonas(locale: Locale): { requester: PersonaSpec; officer: PersonaSpec } {
  const t = pick(locale)
  return {
    requester: {
      name: t(tr('陳怡君', 'Chen Yi-chun')),
      avatar: { text: t(tr('怡', 'YC')), imageUrl: '' },
      role: t(tr('資料申請者', 'Data requester')),
      basicData: {
        age: '27',
        job: t(tr('研究生、公民科技社群志工', 'Graduate student, civic-tech volunteer')),
        place: t(tr('臺北市', 'Taipei')),
        digitalSkills: t(tr('高', 'High')),
      },
      values: [t(tr('政府資料應該公開透明', 'Government data should be open')), t(tr('用證據討論公共議題', 'Public debate should rest on evidence'))],
      expectations: [
        t(tr('很快知道資料有沒有、能不能給', 'To learn quickly whether the data exists and can be given')),
        t(tr('被拒絕時知道理由', 'To know the reason when refused')),
      ],
      painPoints: [
        t(tr('申請後常常沒有下文', 'Requests often go unanswered')),
        t(tr('不知道別人申請過什麼、結果如何', 'Cannot see what others asked for, or what happened')),
      ],
      lifestyle: t(tr('白天寫論文，晚上參加公民科技聚會', 'Writes her thesis by day, joins civic-tech meetups at night')),
      goals: [t(tr('取得研究需要的交通事故資料', 'Get the road accident data her research needs'))],
      quote: t(tr('我不怕被拒絕，只怕不知道為什麼。', 'I don’t mind a no. I mind not knowing why.')),
      devices: [t(tr('筆電', 'Laptop')), t(tr('政府資料開放平臺', 'The open-data portal')), t(tr('社群聊天群組', 'Community chat groups'))],
    },
    officer: {
      name: t(tr('王志明', 'Wang Chih-ming')),
      avatar: { text: t(tr('明', 'CM')), imageUrl: '' },
      role: t(tr('機關資料承辦人', 'Agency data officer')),
      basicData: {
        age: '45',
        job: t(tr('部會資訊室科員', 'Clerk in a ministry’s IT office')),
        place: t(tr('新北市', 'New Taipei')),
        digitalSkills: t(tr('中', 'Medium')),
      },
      values: [t(tr('依法行政', 'Acting within the law')), t(tr('保護個人資料', 'Protecting personal data'))],
      expectations: [
        t(tr('需求寫得清楚，才能判斷能否提供', 'Clear requests, so he can judge what can be given')),
        t(tr('少一點重複的申請', 'Fewer repeated requests')),
      ],
      painPoints: [
        t(tr('同樣的申請一再出現，每次都要重新回覆', 'The same request keeps coming back and needs a new answer each time')),
        t(tr('要跨單位確認資料能否開放，很花時間', 'Checking with other units whether data may be opened takes long')),
        t(tr('不知道哪些主題最多人需要', 'No view of which topics most people need')),
      ],
      lifestyle: t(tr('業務繁重，資料開放只是工作之一', 'A heavy workload; open data is one duty among many')),
      goals: [t(tr('有依據地決定下一批開放的資料', 'Decide on evidence which data to open next'))],
      quote: t(tr('不是不給，是要先確認能不能給。', 'It’s not that we won’t. We have to check that we may.')),
      devices: [t(tr('公務電腦', 'Office PC')), t(tr('公文系統', 'Document system')), t(tr('Email', 'Email'))],
    },
  }
}

/** The five stakeholders with their B/R/C; `who` gives the card id that carries an entry. */
export function dataRequestStakeholders(locale: Locale, who: (name: DataRequestWho) => TLShapeId): Record<DataRequestWho, StakeholderSpec> {
  const t = pick(locale)
  return {
    requesters: {
      name: t(tr('資料申請者', 'Data requesters')),
      group: 'user',
      sector: 'civil-society',
      benefits: [
        { text: t(tr('申請前就知道類似申請的結果與理由', 'Know how similar requests ended, and why, before asking')) },
        { text: t(tr('更快取得資料，或知道可改用哪些資料', 'Get data sooner, or learn which other data to use')) },
      ],
      risks: [{ text: t(tr('申請公開後被看出身分或研究方向', 'Public requests may reveal who they are or what they study')), carrierId: who('requesters') }],
      costs: [
        { text: t(tr('花時間把需求寫清楚', 'Time to write a clear request')), carrierId: who('requesters') },
        { text: t(tr('註冊平臺帳號', 'A portal account')), carrierId: who('requesters') },
      ],
    },
    agencies: {
      name: t(tr('資料提供機關', 'Data-holding agencies')),
      group: 'co-provider',
      sector: 'government',
      benefits: [
        { text: t(tr('知道哪些主題需求最多，決定下一批開放', 'See which topics are most wanted and what to open next')) },
        { text: t(tr('減少重複申請與重複回覆', 'Fewer repeated requests and answers')) },
      ],
      risks: [{ text: t(tr('不提供的理由公開後受到批評', 'Criticism once refusal reasons are public')), carrierId: who('agencies') }],
      costs: [
        { text: t(tr('承辦人回覆並分類理由的時間', 'Staff time to answer and classify reasons')), carrierId: who('agencies') },
        { text: t(tr('個資與去識別化審查', 'Personal data and de-identification review')), carrierId: who('agencies') },
      ],
    },
    portal: {
      name: t(tr('平臺維運單位', 'Portal operator')),
      group: 'co-provider',
      sector: 'government',
      benefits: [{ text: t(tr('平臺更好用，申請回覆率提升', 'A more useful portal and more requests answered')) }],
      risks: [{ text: t(tr('結果資料過時或錯誤，誤導申請者', 'Stale or wrong outcomes mislead requesters')), carrierId: who('requesters') }],
      costs: [
        { text: t(tr('開發與維運小幫手、串接申請資料', 'Building and running the helper, connecting request data')), carrierId: who('portal') },
        { text: t(tr('與機關約定回覆期限', 'Agreeing answer deadlines with agencies')), carrierId: who('portal') },
      ],
    },
    'civic-tech': {
      name: t(tr('公民科技社群', 'Civic-tech community')),
      group: 'co-provider',
      sector: 'civil-society',
      benefits: [{ text: t(tr('申請與理由成為可分析的開放資料，推動更多開放', 'Requests and reasons become open data to analyse and push for more openness')) }],
      risks: [{ text: t(tr('志工人力不足，專案無人維護', 'Too few volunteers; the project goes unmaintained')), carrierId: who('civic-tech') }],
      costs: [{ text: t(tr('志工時間：開發原型、整理資料', 'Volunteer time to build the prototype and tidy the data')), carrierId: who('civic-tech') }],
    },
    privacy: {
      name: t(tr('隱私關注團體', 'Privacy watchers')),
      group: 'watcher',
      sector: 'civil-society',
      benefits: [{ text: t(tr('看得到哪些申請因個資而不提供，理由透明', 'See which requests were refused for personal data reasons, openly')) }],
      risks: [{ text: t(tr('開放資料被交叉比對而重新識別個人', 'Opened data sets combined to re-identify people')), carrierId: who('agencies') }],
      costs: [{ text: t(tr('監督涉及個資的申請與開放', 'Watching requests and releases that touch personal data')), carrierId: who('privacy') }],
    },
  }
}
