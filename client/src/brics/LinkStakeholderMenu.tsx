import {
  DefaultContextMenu,
  DefaultContextMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  TldrawUiMenuSubmenu,
  useEditor,
  useValue,
  type TLUiContextMenuProps,
} from 'tldraw'
import { useT } from '../i18n/useT'
import { LINK_STAKEHOLDER_KEYS } from '../toolbar/designTools'
import { LinkStakeholderTool, type LinkStakeholderToolInfo } from './LinkStakeholderTool'
import { blueprintStep, linkStepToStakeholder, stakeholderCards } from './linkStakeholder'

/**
 * "Link stakeholder" in the context menu of a single selected blueprint step: one item per
 * stakeholder card on the page (keyboard-reachable), and "pick a card on the board".
 */
export function LinkStakeholderMenu() {
  const editor = useEditor()
  const t = useT()
  const stepId = useValue(
    'selected blueprint step',
    () => {
      const selected = editor.getSelectedShapeIds()
      return selected.length === 1 && selected[0] ? (blueprintStep(editor, selected[0])?.id ?? null) : null
    },
    [editor],
  )
  const cards = useValue(
    'stakeholder cards',
    () => (stepId ? stakeholderCards(editor).map((card) => ({ id: card.id, name: card.props.name })) : []),
    [editor, stepId],
  )
  if (!stepId) return null
  const pickInfo: LinkStakeholderToolInfo = { stepId }
  return (
    <TldrawUiMenuGroup id="link-stakeholder">
      <TldrawUiMenuSubmenu id="link-stakeholder" label={LINK_STAKEHOLDER_KEYS.submenu}>
        {cards.length > 0 && (
          <TldrawUiMenuGroup id="link-stakeholder-cards">
            {cards.map((card) => (
              <TldrawUiMenuItem
                key={card.id}
                id={`link-stakeholder-${card.id}`}
                label={card.name.trim() || t('bricsUnnamed')}
                onSelect={() => {
                  linkStepToStakeholder(editor, stepId, card.id)
                }}
              />
            ))}
          </TldrawUiMenuGroup>
        )}
        <TldrawUiMenuGroup id="link-stakeholder-pick">
          <TldrawUiMenuItem
            id="link-stakeholder-pick"
            label={LINK_STAKEHOLDER_KEYS.pick}
            onSelect={() => {
              editor.setCurrentTool(LinkStakeholderTool.id, pickInfo)
            }}
          />
        </TldrawUiMenuGroup>
      </TldrawUiMenuSubmenu>
    </TldrawUiMenuGroup>
  )
}

/** tldraw's context menu with "Link stakeholder" on top when a blueprint step is selected. */
export function BoardContextMenu(props: TLUiContextMenuProps) {
  return (
    <DefaultContextMenu {...props}>
      <LinkStakeholderMenu />
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  )
}
