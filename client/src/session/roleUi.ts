import { react, type Editor, type TLUiOverrides } from 'tldraw'
import type { Role } from '../../../shared/access/roles'
import { DESIGN_TOOL_IDS } from '../toolbar/designTools'

// Which tools and lock actions each role sees: the one place that decides it.

/** The friendly toolset of participants, many of them new to canvases. */
export const PARTICIPANT_TOOLS: ReadonlySet<string> = new Set(['select', 'hand', 'note', 'text', 'arrow', ...DESIGN_TOOL_IDS])

/** tldraw tools a participant may not switch to (by keyboard shortcut either). */
export const TOOLS_HIDDEN_FROM_PARTICIPANTS: ReadonlySet<string> = new Set([
  'draw',
  'eraser',
  'geo',
  'line',
  'highlight',
  'frame',
  'laser',
  'asset',
  'rectangle',
  'ellipse',
  'triangle',
  'diamond',
  'star',
  'cloud',
  'hexagon',
  'oval',
  'rhombus',
  'trapezoid',
  'arrow-right',
  'arrow-left',
  'arrow-up',
  'arrow-down',
  'x-box',
  'check-box',
  'heart',
])

/** Lock actions only facilitators have: the template structure must stay locked for everyone else. */
const LOCK_ACTIONS = ['toggle-lock', 'unlock-all'] as const

/** May `role` use tool `toolId`? (Viewers are read-only: tldraw allows them select and hand.) */
export function roleMayUseTool(role: Role, toolId: string): boolean {
  if (role === 'facilitator') return true
  return !TOOLS_HIDDEN_FROM_PARTICIPANTS.has(toolId)
}

const participantOverrides: TLUiOverrides = {
  tools(_editor, tools) {
    for (const id of Object.keys(tools)) {
      if (TOOLS_HIDDEN_FROM_PARTICIPANTS.has(id)) delete tools[id]
    }
    return tools
  },
  actions(_editor, actions) {
    for (const id of LOCK_ACTIONS) delete actions[id]
    return actions
  },
}

// Participants and viewers share one list per base (viewers' tools are limited by read-only mode too).
const cache = new WeakMap<TLUiOverrides, TLUiOverrides[]>()

/**
 * The UI overrides for `role` on top of `base` (stable per base and role, as <Tldraw overrides>
 * needs): facilitators get `base` alone; participants and viewers lose the drawing tools beyond
 * the friendly set and the lock actions.
 */
export function overridesForRole(base: TLUiOverrides, role: Role | undefined): TLUiOverrides | TLUiOverrides[] {
  if (role === undefined || role === 'facilitator') return base
  let found = cache.get(base)
  if (!found) {
    found = [base, participantOverrides]
    cache.set(base, found)
  }
  return found
}

/**
 * Sends a participant back to the select tool if something (a stale shortcut, a script) puts
 * them in a tool their role does not have. Answers a function that stops watching.
 */
export function keepToolsForRole(editor: Editor, role: Role): () => void {
  if (role === 'facilitator') return () => {}
  return react('civic-canvas tools for role', () => {
    const toolId = editor.getCurrentToolId()
    if (!roleMayUseTool(role, toolId)) queueMicrotask(() => editor.setCurrentTool('select'))
  })
}
