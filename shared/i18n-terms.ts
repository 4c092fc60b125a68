// Domain labels used by the design-thinking shapes, in the two UI languages. The app's own
// dictionary (client/src/i18n/) owns every other string; these are the course's terms
// (see shared/domain.md) so code, UI and docs use one word for one thing.

/** The UI languages, spelled as tldraw spells its locales. */
export type Locale = 'en' | 'zh-tw'

const terms = {
  'shape.persona': { en: 'Persona', 'zh-tw': '人物誌' },
  'shape.journey-map': { en: 'Customer journey map', 'zh-tw': '顧客旅程地圖' },
  'shape.service-blueprint': { en: 'Service blueprint', 'zh-tw': '服務藍圖' },
  'shape.stakeholder': { en: 'Stakeholder (BRiCS)', 'zh-tw': '利害關係人（BRiCS）' },

  'persona.name': { en: 'Name', 'zh-tw': '姓名' },
  'persona.avatar': { en: 'Avatar', 'zh-tw': '頭像' },
  'persona.role': { en: 'Role / segment', 'zh-tw': '角色／族群' },
  'persona.basicData': { en: 'Basic data', 'zh-tw': '基本資料' },
  'persona.basicData.age': { en: 'Age', 'zh-tw': '年齡' },
  'persona.basicData.job': { en: 'Job', 'zh-tw': '職業' },
  'persona.basicData.place': { en: 'Place', 'zh-tw': '居住地' },
  'persona.basicData.digitalSkills': { en: 'Digital skills', 'zh-tw': '數位能力' },
  'persona.values': { en: 'Values', 'zh-tw': '價值觀' },
  'persona.expectations': { en: 'Expectations', 'zh-tw': '期待' },
  'persona.painPoints': { en: 'Pain points', 'zh-tw': '痛點' },
  'persona.lifestyle': { en: 'Lifestyle', 'zh-tw': '生活方式' },
  'persona.goals': { en: 'Goals', 'zh-tw': '目標' },
  'persona.quote': { en: 'Quote', 'zh-tw': '代表語錄' },
  'persona.devices': { en: 'Devices / channels', 'zh-tw': '裝置／管道' },

  'journey.stage': { en: 'Stage', 'zh-tw': '階段' },
  'journey.persona': { en: 'Persona', 'zh-tw': '人物誌' },
  'journey.noPersona': { en: 'No persona', 'zh-tw': '未指定人物誌' },
  'journey.row.actions': { en: 'Actions', 'zh-tw': '行為' },
  'journey.row.touchpoints': { en: 'Touchpoints', 'zh-tw': '接觸點' },
  'journey.row.thoughts': { en: 'Thoughts', 'zh-tw': '想法' },
  'journey.row.emotions': { en: 'Emotions', 'zh-tw': '情緒' },
  'journey.row.painPoints': { en: 'Pain points', 'zh-tw': '痛點' },
  'journey.row.opportunities': { en: 'Opportunities', 'zh-tw': '機會點' },
  'journey.defaultStage.discover': { en: 'Discover', 'zh-tw': '發現' },
  'journey.defaultStage.apply': { en: 'Apply', 'zh-tw': '申請' },
  'journey.defaultStage.wait': { en: 'Wait', 'zh-tw': '等待' },
  'journey.defaultStage.receive': { en: 'Receive', 'zh-tw': '取得' },
  'journey.defaultStage.followUp': { en: 'Follow up', 'zh-tw': '後續' },

  'blueprint.lane.physicalEvidence': { en: 'Physical evidence', 'zh-tw': '實體證據' },
  'blueprint.lane.customerActions': { en: 'Customer actions', 'zh-tw': '顧客行為' },
  'blueprint.lane.frontStage': { en: 'Front stage', 'zh-tw': '前臺' },
  'blueprint.lane.backStage': { en: 'Back stage', 'zh-tw': '後臺' },
  'blueprint.lane.supportProcesses': { en: 'Support processes', 'zh-tw': '支援流程' },
  'blueprint.line.interaction': { en: 'Line of interaction', 'zh-tw': '互動線' },
  'blueprint.line.visibility': { en: 'Line of visibility', 'zh-tw': '可見線' },
  'blueprint.line.internalInteraction': { en: 'Line of internal interaction', 'zh-tw': '內部互動線' },
  'blueprint.fromJourney': { en: 'Create blueprint from journey map', 'zh-tw': '由旅程地圖建立服務藍圖' },

  'stakeholder.name': { en: 'Name', 'zh-tw': '名稱' },
  'stakeholder.group': { en: 'Group', 'zh-tw': '類別' },
  'stakeholder.group.user': { en: 'User / beneficiary', 'zh-tw': '服務受益／使用者' },
  'stakeholder.group.co-provider': { en: 'Co-provider / intermediary', 'zh-tw': '服務協力提供者／中介者' },
  'stakeholder.group.watcher': { en: 'Issue watcher', 'zh-tw': '衍生議題關注者' },
  'stakeholder.sector': { en: 'Sector', 'zh-tw': '部門' },
  'stakeholder.sector.government': { en: 'Government', 'zh-tw': '政府' },
  'stakeholder.sector.business': { en: 'Business', 'zh-tw': '企業' },
  'stakeholder.sector.civil-society': { en: 'Civil society', 'zh-tw': '公民社會' },
  'stakeholder.benefits': { en: 'B — Benefit / value', 'zh-tw': 'B 效益／價值' },
  'stakeholder.risks': { en: 'R — Risk', 'zh-tw': 'R 風險／後遺症' },
  'stakeholder.costs': { en: 'C — Cost / condition / context', 'zh-tw': 'C 廣義成本／配套條件／脈絡' },
  'stakeholder.carrier': { en: 'Carried by', 'zh-tw': '承擔者' },
  'stakeholder.noCarrier': { en: 'Nobody yet', 'zh-tw': '尚未指定' },

  'action.add': { en: 'Add', 'zh-tw': '新增' },
  'action.addStage': { en: 'Add stage', 'zh-tw': '新增階段' },
  'action.remove': { en: 'Remove', 'zh-tw': '移除' },
  'action.moveLeft': { en: 'Move left', 'zh-tw': '左移' },
  'action.moveRight': { en: 'Move right', 'zh-tw': '右移' },
  'action.editHint': { en: 'Double-click to edit', 'zh-tw': '按兩下編輯' },
  'placeholder.empty': { en: '…', 'zh-tw': '…' },
} as const satisfies Record<string, Record<Locale, string>>

/** A key of the shapes' term table. */
export type TermKey = keyof typeof terms

/** Normalises any tldraw locale string to one of ours: Chinese variants map to zh-TW. */
export function toLocale(tldrawLocale: string | undefined | null): Locale {
  return tldrawLocale?.toLowerCase().startsWith('zh') ? 'zh-tw' : 'en'
}

/** The label for `key` in `locale`. */
export function term(key: TermKey, locale: Locale): string {
  return terms[key][locale]
}

/** Every key of the term table (for completeness tests and the lead's dictionary merge). */
export const termKeys = Object.keys(terms) as TermKey[]
