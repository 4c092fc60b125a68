import { useEditor, useIsEditing } from 'tldraw'
import { term, type TermKey } from '../../../../shared/i18n-terms'
import { indexAfterLast, newEntryId } from '../../../../shared/shapes/keyedEntries'
import {
  PERSONA_BASIC_DATA_KEYS,
  PERSONA_LIST_FIELDS,
  type PersonaListField,
  type PersonaProps,
  type PersonaShape,
} from '../../../../shared/shapes/persona'
import { EditableText, stopCanvasPointer } from '../common/EditableText'
import { KeyedListEditor } from '../common/KeyedListEditor'
import { updateProps } from '../common/updateProps'
import { useShapeLocale } from '../common/useShapeLocale'
import { uploadAvatarImage } from './avatarUpload'

/** The persona card's content: header, basic data, list fields, lifestyle and quote. */
export function PersonaCard({ shape }: { shape: PersonaShape }) {
  const editor = useEditor()
  const editing = useIsEditing(shape.id)
  const locale = useShapeLocale()
  const t = (key: TermKey) => term(key, locale)
  const p = shape.props
  const set = (patch: (current: PersonaProps) => Partial<PersonaProps> | null) =>
    updateProps<PersonaShape>(editor, shape.id, patch)

  const listCallbacks = (field: PersonaListField) => ({
    onAdd: () => set((c) => ({ [field]: { ...c[field], [newEntryId()]: { text: '', index: indexAfterLast(c[field]) } } })),
    onChangeText: (id: string, text: string) =>
      set((c) => {
        const entry = c[field][id]
        return entry ? { [field]: { ...c[field], [id]: { ...entry, text } } } : null
      }),
    onRemove: (id: string) =>
      set((c) => {
        const { [id]: _removed, ...rest } = c[field]
        return { [field]: rest }
      }),
  })

  const onAvatarFile = async (file: File | undefined) => {
    if (!file) return
    try {
      const imageUrl = await uploadAvatarImage(editor, file)
      set((c) => ({ avatar: { ...c.avatar, imageUrl } }))
    } catch (error) {
      console.error('persona avatar upload failed', error)
    }
  }

  return (
    <div
      className={`dt-card dt-persona ${editing ? 'dt-card--editing' : ''}`}
      onPointerDown={editing ? stopCanvasPointer : undefined}
    >
      <header className="dt-persona__header">
        <div className="dt-persona__avatar" aria-label={t('persona.avatar')}>
          {p.avatar.imageUrl ? <img src={p.avatar.imageUrl} alt="" draggable={false} /> : <span>{p.avatar.text || '🙂'}</span>}
        </div>
        <div className="dt-persona__who">
          <span className="dt-kicker">{t('shape.persona')}</span>
          <EditableText
            className="dt-persona__name"
            value={p.name}
            editing={editing}
            label={t('persona.name')}
            placeholder={t('persona.name')}
            onCommit={(name) => set(() => ({ name }))}
          />
          <EditableText
            value={p.role}
            editing={editing}
            label={t('persona.role')}
            placeholder={t('persona.role')}
            onCommit={(role) => set(() => ({ role }))}
          />
        </div>
      </header>
      {editing && (
        <div className="dt-persona__avatar-edit">
          <EditableText
            value={p.avatar.text}
            editing
            label={t('persona.avatar')}
            placeholder={`${t('persona.avatar')} (MH / 👩‍💼)`}
            onCommit={(text) => set((c) => ({ avatar: { ...c.avatar, text } }))}
          />
          <input
            type="file"
            accept="image/*"
            aria-label={t('persona.avatar')}
            onPointerDown={stopCanvasPointer}
            onChange={(e) => void onAvatarFile(e.currentTarget.files?.[0])}
          />
          {p.avatar.imageUrl && (
            <button
              type="button"
              className="dt-button"
              onPointerDown={stopCanvasPointer}
              onClick={() => set((c) => ({ avatar: { ...c.avatar, imageUrl: '' } }))}
            >
              {t('action.remove')}
            </button>
          )}
        </div>
      )}
      <section className="dt-persona__basic">
        <h4 className="dt-list__title">{t('persona.basicData')}</h4>
        <dl>
          {PERSONA_BASIC_DATA_KEYS.map((key) => (
            <div key={key} className="dt-persona__basic-row">
              <dt>{t(`persona.basicData.${key}`)}</dt>
              <dd>
                <EditableText
                  value={p.basicData[key]}
                  editing={editing}
                  label={t(`persona.basicData.${key}`)}
                  onCommit={(text) => set((c) => ({ basicData: { ...c.basicData, [key]: text } }))}
                />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {PERSONA_LIST_FIELDS.map((field) => (
        <KeyedListEditor
          key={field}
          title={t(`persona.${field}`)}
          entries={p[field]}
          editing={editing}
          addLabel={t('action.add')}
          removeLabel={t('action.remove')}
          {...listCallbacks(field)}
        />
      ))}
      <section className="dt-list">
        <h4 className="dt-list__title">{t('persona.lifestyle')}</h4>
        <EditableText
          multiline
          value={p.lifestyle}
          editing={editing}
          label={t('persona.lifestyle')}
          onCommit={(lifestyle) => set(() => ({ lifestyle }))}
        />
      </section>
      <blockquote className="dt-persona__quote">
        <EditableText
          multiline
          value={p.quote}
          editing={editing}
          label={t('persona.quote')}
          placeholder={t('persona.quote')}
          onCommit={(quote) => set(() => ({ quote }))}
        />
      </blockquote>
    </div>
  )
}
