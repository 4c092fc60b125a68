import { useState } from 'react'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { navigate } from '../routes/navigation'
import { boardPath } from '../routes/route'
import { deviceStorage } from '../user/deviceStorage'
import { rememberBoard } from '../user/recentBoards'
import { createBoard, CreateBoardError, type CreateBoardFailure } from './createBoard'

const failureMessage: Record<CreateBoardFailure['reason'], MessageKey> = {
  network: 'createFailedNetwork',
  server: 'createFailedServer',
  'bad-response': 'createFailedBadResponse',
}

/** Creates a board on the server, remembers it on this device and opens it. */
export function CreateBoardButton() {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<CreateBoardFailure | null>(null)

  const create = async () => {
    setBusy(true)
    setFailure(null)
    try {
      const id = await createBoard()
      const now = Date.now()
      rememberBoard(deviceStorage, { id, createdAt: now, lastOpenedAt: now })
      navigate(boardPath(id))
    } catch (error) {
      console.error(error)
      setFailure(error instanceof CreateBoardError ? error.failure : { reason: 'network' })
      setBusy(false)
    }
  }

  return (
    <div className="create-board">
      <button
        type="button"
        className="button button-primary button-large"
        data-testid="create-board"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void create()}
      >
        {busy ? t('creatingBoard') : t('createBoard')}
      </button>
      <p className="muted">{t('createBoardHint')}</p>
      {failure && (
        <p className="form-error" role="alert" data-testid="create-board-error">
          {t(failureMessage[failure.reason], 'status' in failure ? { status: failure.status } : undefined)}
        </p>
      )}
    </div>
  )
}
