import { describe, expect, it } from 'vitest'
import { createTLSchema, defaultShapeSchemas, parseTldrawJsonFile, type TLRecord } from 'tldraw'
import { richTextToPlain } from '../../shared/rules'
import { designShapeSchemas } from '../../shared/shapes'
import { buildDataRequestHelper } from '../../shared/templates/dataRequestHelper'
import { toPlainTldrawFile } from '../../client/src/export/plainTldraw'

const ours = createTLSchema({ shapes: { ...defaultShapeSchemas, ...designShapeSchemas } })
const tldrawDotCom = createTLSchema({ shapes: defaultShapeSchemas })

describe('.tldr for tldraw.com', () => {
  const records = buildDataRequestHelper('plaintldrboard000001', 'zh-tw')
  const ourFile = JSON.stringify({ tldrawFileFormatVersion: 1, schema: ours.serialize(), records })

  it('our own .tldr is refused by a schema without our shapes (why the plain file exists)', () => {
    expect(parseTldrawJsonFile({ json: ourFile, schema: tldrawDotCom }).ok).toBe(false)
  })

  it('opens with tldraw’s own schema, keeps every id, and carries the design shapes’ text', () => {
    const result = parseTldrawJsonFile({ json: toPlainTldrawFile(ourFile, 'zh-tw'), schema: tldrawDotCom })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const opened = result.value.allRecords() as TLRecord[]
    const ids = new Set(opened.map((r) => r.id as string))
    for (const r of records) if (r.typeName === 'shape' || r.typeName === 'binding') expect(ids.has(r.id), r.id).toBe(true)
    const texts = opened
      .filter((r) => r.typeName === 'shape')
      .map((r) => richTextToPlain((r.props as { richText?: unknown }).richText) + ((r.props as { name?: string }).name ?? ''))
      .join('\n')
    const persona = records.find((r) => r.typeName === 'shape' && r.type === 'persona')!
    const stakeholder = records.find((r) => r.typeName === 'shape' && r.type === 'stakeholder')!
    const journey = records.find((r) => r.typeName === 'shape' && r.type === 'journey-map')!
    expect(texts).toContain((persona.props as { name: string }).name)
    expect(texts).toContain((stakeholder.props as { name: string }).name)
    expect(texts).toContain((journey.props as { title: string }).title)
    const stageName = Object.values((journey.props as { stages: Record<string, { name: string }> }).stages)[0]!.name
    expect(texts).toContain(stageName)
    expect(opened.some((r) => r.typeName === 'shape' && ['persona', 'stakeholder', 'journey-map', 'service-blueprint'].includes(r.type))).toBe(false)
  })
})
