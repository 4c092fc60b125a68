import { useId, useState, type FormEvent } from 'react'
import { MAX_BOARD_NAME_LENGTH } from '../../../shared/access/boardApi'
import type { TemplateId } from '../../../shared/templates/templateIds'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { navigate } from '../routes/navigation'
import { boardPath } from '../routes/route'
import { deviceStorage } from '../user/deviceStorage'
import { rememberBoard } from '../user/recentBoards'
import { CreateBoardError, requestNewBoard, type CreateBoardFailure, type NewBoard } from './createBoard'
import { templateChoice } from './templateChoices'
import { TemplatePicker } from './TemplatePicker'

const failureMessage: Record<CreateBoardFailure['reason'], MessageKey> = {
  network: 'createFailedNetwork',
  'operator-code': 'createNeedsOperatorCode',
  server: 'createFailedServer',
  'bad-response': 'createFailedBadResponse',
}

/** Where the creator lands: the board, opened with the facilitator's token in the fragment. */
export function newBoardPath(board: NewBoard): string {
  const token = board.tokens?.facilitator
  return token ? `${boardPath(board.id)}#t=${encodeURIComponent(token)}` : boardPath(board.id)
}

/**
 * "New board": pick a template (blank, the five-step workshop, or an example), optionally name
 * the board, create it on the server, remember it and its links on this device, and open it
 * as its facilitator.
 */
export function NewBoardForm() {
  const t = useT()
  const nameId = useId()
  const codeId = useId()
  // Asked for only once the server has said it needs one (BOARD_CREATE_SECRET is set).
  const [operatorCode, setOperatorCode] = useState<string | null>(null)
  const [template, setTemplate] = useState<TemplateId>('blank')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<CreateBoardFailure | null>(null)

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailure(null)
    // An unnamed board from a template is called after it, in the creator's language.
    const typed = name.trim()
    const boardName = typed !== '' ? typed : template === 'blank' ? undefined : t(templateChoice(template).name)
    try {
      const board = await requestNewBoard({
        template,
        ...(boardName ? { name: boardName } : {}),
        ...(operatorCode ? { operatorCode } : {}),
      })
      const now = Date.now()
      rememberBoard(deviceStorage, {
        id: board.id,
        ...(board.name ? { title: board.name } : {}),
        createdAt: now,
        lastOpenedAt: now,
        ...(board.tokens ? { token: board.tokens.facilitator, role: 'facilitator' as const, tokens: board.tokens } : {}),
      })
      navigate(newBoardPath(board))
    } catch (error) {
      console.error(error)
      const reported = error instanceof CreateBoardError ? error.failure : ({ reason: 'network' } as const)
      if (reported.reason === 'operator-code' && operatorCode === null) setOperatorCode('')
      setFailure(reported)
      setBusy(false)
    }
  }

  return (
    <form className="create-board" onSubmit={(event) => void create(event)} noValidate>
      <TemplatePicker value={template} onChange={setTemplate} disabled={busy} />
      <div className="new-board-name">
        <label className="field-label" htmlFor={nameId}>
          {t('boardNameLabel')}
        </label>
        <input
          id={nameId}
          data-testid="board-name-input"
          className="text-input"
          type="text"
          autoComplete="off"
          maxLength={MAX_BOARD_NAME_LENGTH}
          placeholder={template === 'blank' ? '' : t(templateChoice(template).name)}
          value={name}
          disabled={busy}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      {operatorCode !== null && (
        <div className="new-board-name">
          <label className="field-label" htmlFor={codeId}>
            {t('operatorCodeLabel')}
          </label>
          <input
            id={codeId}
            data-testid="operator-code-input"
            className="text-input"
            type="password"
            autoComplete="off"
            value={operatorCode}
            disabled={busy}
            onChange={(event) => setOperatorCode(event.target.value)}
          />
        </div>
      )}
      <button
        type="submit"
        className="button button-primary button-large"
        data-testid="create-board"
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t('creatingBoard') : t('createBoard')}
      </button>
      <p className="muted">{t('createBoardFacilitatorHint')}</p>
      {failure && (
        <p className="form-error" role="alert" data-testid="create-board-error">
          {t(failureMessage[failure.reason], 'status' in failure ? { status: failure.status } : undefined)}
        </p>
      )}
    </form>
  )
}
