import type { Editor, TLUiOverrides, TLUiToolsContextType } from 'tldraw'
import { dictionaries } from '../i18n/translate'
import type { Messages } from '../i18n/en'
import { DESIGN_SHAPE_TYPES, JOURNEY_MAP_TYPE, PERSONA_TYPE, SERVICE_BLUEPRINT_TYPE, STAKEHOLDER_TYPE } from '../../../shared/shapes'
import { journeyMapIcon, personaIcon, serviceBlueprintIcon, stakeholderIcon } from './toolIcons'

// The design-thinking tools in tldraw's UI: tool items (toolbar, shortcuts dialog) and the
// translations of every label of ours that tldraw's own menus show, taken from our dictionary.

/** The four design-thinking tools in toolbar order (tool id = shape type). */
export const DESIGN_TOOL_IDS = DESIGN_SHAPE_TYPES
export type DesignToolId = (typeof DESIGN_TOOL_IDS)[number]

const toolIcons: Record<DesignToolId, TLUiToolsContextType[string]['icon']> = {
  [PERSONA_TYPE]: personaIcon,
  [JOURNEY_MAP_TYPE]: journeyMapIcon,
  [SERVICE_BLUEPRINT_TYPE]: serviceBlueprintIcon,
  [STAKEHOLDER_TYPE]: stakeholderIcon,
}

/** tldraw translation key of a design tool's label. */
export function toolLabelKey(id: DesignToolId): string {
  return `tool.${id}`
}

/** tldraw translation keys for our context-menu entries. */
export const LINK_STAKEHOLDER_KEYS = {
  submenu: 'action.link-stakeholder',
  pick: 'action.link-stakeholder-pick',
} as const

function tldrawMessages(messages: Messages): Record<string, string> {
  return {
    ...Object.fromEntries(DESIGN_TOOL_IDS.map((id) => [toolLabelKey(id), messages[`shape.${id}`]])),
    [LINK_STAKEHOLDER_KEYS.submenu]: messages.linkStakeholder,
    [LINK_STAKEHOLDER_KEYS.pick]: messages.linkStakeholderPick,
  }
}

/** Adds the design tools to tldraw's UI tools; onSelect switches the editor's tool. */
function addDesignTools(editor: Editor, tools: TLUiToolsContextType): TLUiToolsContextType {
  for (const id of DESIGN_TOOL_IDS) {
    tools[id] = {
      id,
      label: toolLabelKey(id),
      icon: toolIcons[id],
      onSelect: () => editor.setCurrentTool(id),
    }
  }
  return tools
}

/** UI overrides for <Tldraw overrides>: our tools and their en / zh-tw labels (a module constant). */
export const designUiOverrides: TLUiOverrides = {
  tools: addDesignTools,
  translations: {
    en: tldrawMessages(dictionaries.en),
    'zh-tw': tldrawMessages(dictionaries['zh-TW']),
  },
}
