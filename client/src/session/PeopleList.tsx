import { useEffect, useState } from 'react'
import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { isRole, type Role } from '../../../shared/access/roles'
import { useT } from '../i18n/useT'
import { ROLE_NAME_KEYS } from '../share/RoleBadge'
import { PRESENCE_FIELD } from '../sync/presence'
import { ROLE_FIELD } from './roleField'


/** One person on the board now, as the people list shows them. */
export interface PersonOnBoard {
  clientId: number
  /** tldraw's user record id (`user:<id>`): what following takes. */
  userId: string
  name: string
  role: Role | null
}

/** Everyone else on the board, from awareness: name and user id from their presence, role from its own field. */
export function peopleOnBoard(awareness: Pick<Awareness, 'getStates' | 'clientID'>): PersonOnBoard[] {
  const people: PersonOnBoard[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const presence = state[PRESENCE_FIELD] as { userId?: unknown; userName?: unknown } | null | undefined
    if (!presence || typeof presence.userId !== 'string') continue
    const role: unknown = state[ROLE_FIELD]
    people.push({
      clientId,
      userId: presence.userId,
      name: typeof presence.userName === 'string' ? presence.userName : '',
      role: isRole(role) ? role : null,
    })
  }
  return people.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
}

/** React hook: the people list, updated as people come, go and rename. */
export function usePeople(awareness: Awareness): PersonOnBoard[] {
  const [people, setPeople] = useState(() => peopleOnBoard(awareness))
  useEffect(() => {
    const update = () => setPeople(peopleOnBoard(awareness))
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness])
  return people
}

/** Who is on the board with which role; the facilitator can follow anyone from here. */
export function PeopleList({ editor, awareness }: { editor: Editor; awareness: Awareness }) {
  const t = useT()
  const people = usePeople(awareness)
  return (
    <section className="session-section">
      <h3>{t('peopleHeading', { count: people.length })}</h3>
      {people.length === 0 && <p className="session-hint">{t('peopleNone')}</p>}
      <ul className="session-people" data-testid="people-list">
        {people.map((person) => (
          <li key={person.clientId} className="session-person" data-role={person.role ?? ''}>
            <span className="session-person-name">{person.name || t('someone')}</span>
            {person.role && <span className={`role-badge role-badge-${person.role}`}>{t(ROLE_NAME_KEYS[person.role])}</span>}
            <button
              type="button"
              className="session-button"
              onClick={() => editor.startFollowingUser(person.userId as never)}
              aria-label={t('peopleFollow', { name: person.name || t('someone') })}
            >
              {t('peopleFollowShort')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
