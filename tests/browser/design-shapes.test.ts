import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { cellRect, geometryOfMap, type MapShape } from '../../shared/rules'
import { keyedListFromTexts, sortedEntries, type PersonaShape, type StakeholderShape } from '../../shared/shapes'
import { AppServer, launchBrowser, openPerson } from './fixtures'
import { BoardPage } from './boardPage'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

async function personOnBoard(name: string, boardId: string): Promise<BoardPage> {
  const board = new BoardPage((await openPerson(browser, name)).page, name)
  await board.open(server.url, boardId)
  await board.waitForConnectionStatus('connected')
  return board
}

/** A wide stretch of the page in view, so the big design shapes fit side by side. */
const WORKSHOP_AREA = { x: 0, y: 0, w: 3600, h: 2200 }

/** Creates the four design shapes from the toolbar at fixed places of the workshop area. */
async function createTheFourShapes(board: BoardPage) {
  await board.zoomToPageBounds(WORKSHOP_AREA)
  const at = (x: number, y: number) => board.pageToScreen({ x, y })
  const persona = await board.createFromToolbar('persona', await at(200, 340))
  const stakeholder = await board.createFromToolbar('stakeholder', await at(620, 250))
  const journey = await board.createFromToolbar('journey-map', await at(1650, 420))
  const blueprint = await board.createFromToolbar('service-blueprint', await at(1650, 1500))
  return { persona, stakeholder, journey, blueprint }
}

/** Puts a note into a blueprint cell with the note tool, types its text, and returns its id. */
async function addStepNote(board: BoardPage, blueprintId: string, lane: string, stageNo: number, text: string) {
  const map = await board.shape<MapShape>(blueprintId)
  const stageId = sortedEntries(map.props.stages)[stageNo]![0]
  const cell = cellRect(geometryOfMap(map), stageId, lane)!
  const centre = await board.pageToScreen({ x: map.x + cell.x + cell.w / 2, y: map.y + cell.y + cell.h / 2 })
  const id = await board.createFromToolbar('note', centre)
  // A new note opens for typing.
  await board.page.waitForFunction((noteId) => window.__civicCanvas!.editor.getEditingShapeId() === noteId, id)
  await board.page.keyboard.insertText(text)
  await board.page.keyboard.press('Escape')
  return id
}

async function switchToChinese(page: Page) {
  await page.getByTestId('locale-switch').click()
  await page.waitForFunction(() => document.documentElement.lang === 'zh-TW')
}

describe('design-thinking shapes in Chromium', () => {
  test('the toolbar creates each of the four shapes, labelled in zh-TW', async () => {
    const ana = await personOnBoard('Ana', await server.createBoard())
    await switchToChinese(ana.page)
    const labels = () =>
      Promise.all(
        ['persona', 'journey-map', 'service-blueprint', 'stakeholder'].map((tool) =>
          ana.page.getByTestId(`tools.${tool}`).getAttribute('aria-label'),
        ),
      )
    await expect.poll(labels).toEqual(['人物誌', '顧客旅程地圖', '服務藍圖', '利害關係人（BRiCS）'])

    const ids = await createTheFourShapes(ana)
    const types = await ana.shapeTypes()
    expect(Object.values(ids).map((id) => types[id])).toEqual(['persona', 'stakeholder', 'journey-map', 'service-blueprint'])
    // tldraw's own tools sit beside ours.
    for (const tool of ['note', 'arrow', 'text', 'frame']) await ana.page.getByTestId(`tools.${tool}`).waitFor()
  })

  test('Chinese typed into a persona field is kept; Enter during an IME composition does not commit', async () => {
    const ana = await personOnBoard('Ana', await server.createBoard())
    await ana.zoomToPageBounds({ x: -100, y: -100, w: 800, h: 800 })
    const persona = await ana.createFromToolbar('persona', await ana.pageToScreen({ x: 300, y: 300 }))
    await ana.startEditing(persona)

    const name = ana.page.getByLabel('Name', { exact: true })
    await name.click()
    await ana.page.keyboard.insertText('王小明')
    await ana.page.keyboard.press('Enter')
    await ana.page.waitForFunction(
      (id) => (window.__civicCanvas!.editor.getShape(id as never) as PersonaShape | undefined)?.props.name === '王小明',
      persona,
    )

    // An IME composition in the role field: the candidate is chosen with Enter, which must not commit.
    await ana.startEditing(persona)
    const role = ana.page.getByLabel('Role / segment', { exact: true })
    await role.click()
    const cdp = await ana.page.context().newCDPSession(ana.page)
    await cdp.send('Input.imeSetComposition', { text: 'ㄍㄨㄥ', selectionStart: 3, selectionEnd: 3 })
    await role.evaluate((input) =>
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true })),
    )
    expect((await ana.shape<PersonaShape>(persona)).props.role).toBe('')
    expect(await role.isVisible()).toBe(true)
    await cdp.send('Input.insertText', { text: '公務員' })
    expect(await role.inputValue()).toBe('公務員')
    expect((await ana.shape<PersonaShape>(persona)).props.role).toBe('')
    await ana.page.keyboard.press('Enter')
    await ana.page.waitForFunction(
      (id) => (window.__civicCanvas!.editor.getShape(id as never) as PersonaShape | undefined)?.props.role === '公務員',
      persona,
    )
    expect((await ana.shape<PersonaShape>(persona)).props.name).toBe('王小明')
  })
  test('a step linked to a stakeholder from the context menu updates the BRiCS matrix on a second page', async () => {
    const boardId = await server.createBoard()
    const ana = await personOnBoard('Ana', boardId)
    const ben = await personOnBoard('Ben', boardId)
    await ana.zoomToPageBounds({ x: 0, y: 0, w: 2400, h: 1300 })
    const blueprint = await ana.createFromToolbar('service-blueprint', await ana.pageToScreen({ x: 800, y: 600 }))
    const stakeholder = await ana.createFromToolbar('stakeholder', await ana.pageToScreen({ x: 2150, y: 400 }))
    await ana.startEditing(stakeholder)
    await ana.page.getByLabel('Name', { exact: true }).click()
    await ana.page.keyboard.insertText('戶政事務所')
    await ana.page.keyboard.press('Enter')
    await ana.page.keyboard.press('Escape')
    const step = await addStepNote(ana, blueprint, 'frontStage', 1, '臨櫃申請')

    const panel = await ben.openBricsPanel()
    const row = ben.bricsRow(stakeholder)
    await row.waitFor({ timeout: 5_000 })
    expect(await row.locator('th').first().textContent()).toContain('戶政事務所')
    await expect.poll(() => row.locator('td[data-kind="steps"]').textContent()).toBe('none')
    const issues = panel.getByTestId('brics-issues')
    await expect.poll(() => issues.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')))).toEqual([
      'step-without-stakeholder',
      'stakeholder-without-step',
    ])

    await ana.openContextMenuOn(step)
    await ana.page.getByTestId('context-menu-sub.link-stakeholder-button').click()
    await ana.linkStakeholderItem(stakeholder).click()

    // The link is an arrow bound at both ends, and Ben's panel reads it off the board.
    await expect.poll(() => row.locator('td[data-kind="steps"]').textContent(), { timeout: 5_000 }).toBe('臨櫃申請')
    await expect.poll(() => issues.locator('li').count()).toBe(0)
    expect(await panel.locator('.brics-pass').textContent()).toBe('All four checks pass.')
    const bindings = await ben.page.evaluate(() =>
      window.__civicCanvas!.editor.store
        .allRecords()
        .filter((r) => r.typeName === 'binding')
        .map((b) => ('toId' in b ? b.toId : '')),
    )
    expect(bindings.sort()).toEqual([stakeholder, step].sort())

    // Ben adds a benefit in his panel: Ana's card holds it.
    await row.locator('td[data-kind="benefits"] .brics-add').click()
    await ben.page.keyboard.insertText('就近辦理')
    await ben.page.keyboard.press('Enter')
    await ana.page.waitForFunction(
      (id) => {
        const card = window.__civicCanvas!.editor.getShape(id as never) as StakeholderShape | undefined
        return Object.values(card?.props.benefits ?? {}).some((entry) => entry.text === '就近辦理')
      },
      stakeholder,
      { timeout: 5_000 },
    )
  })
  test('a workshop board with the four shapes renders Chinese in the bundled font (UPDATE_SCREENSHOT=1 writes docs/screenshot.png)', async () => {
    const ana = await personOnBoard('Ana', await server.createBoard())
    await switchToChinese(ana.page)
    const { persona, stakeholder, journey, blueprint } = await createTheFourShapes(ana)
    const agency = await ana.createFromToolbar('stakeholder', await ana.pageToScreen({ x: 620, y: 1500 }))

    // A landscape layout for the picture: persona and the two maps in a row, the cards below.
    await ana.page.evaluate(
      ({ persona, stakeholder, agency, journey, blueprint }) => {
        const editor = window.__civicCanvas!.editor
        const size = (id: string) => editor.getShapePageBounds(id as never)!
        const place = (id: string, x: number, y: number) =>
          editor.updateShape({ id: id as never, type: editor.getShape(id as never)!.type, x, y })
        const gap = 100
        const row2 = Math.max(size(journey).h, size(blueprint).h) + gap
        place(journey, 0, 0)
        place(blueprint, size(journey).w + gap, 0)
        place(persona, -size(persona).w - gap, 0)
        place(stakeholder, size(journey).w + gap + 150, row2)
        place(agency, size(journey).w + gap + 150 + size(stakeholder).w + 200, row2)
      },
      { persona, stakeholder, agency, journey, blueprint },
    )

    // Content a team would have typed by mid-workshop (the course's 資料申請小幫手 case).
    await ana.page.evaluate(
      ({ ids, lists }) => {
        const editor = window.__civicCanvas!.editor
        const update = (id: string, type: string, props: Record<string, unknown>) =>
          editor.updateShape({ id: id as never, type, props } as never)
        update(ids.persona, 'persona', {
          name: '林怡君',
          avatar: { text: '林', imageUrl: '' },
          role: '研究生／資料申請者',
          basicData: { age: '27', job: '社會學研究生', place: '臺北市', digitalSkills: '熟悉試算表與 API' },
          values: lists.values,
          expectations: lists.expectations,
          painPoints: lists.painPoints,
          quote: '「我想知道別人申請過什麼、為什麼被拒絕。」',
        })
        update(ids.stakeholder, 'stakeholder', {
          name: '資料申請民眾',
          group: 'user',
          sector: 'civil-society',
          benefits: lists.userBenefits,
          costs: lists.userCosts,
        })
        update(ids.agency, 'stakeholder', {
          name: '資料提供機關',
          group: 'co-provider',
          sector: 'government',
          benefits: lists.agencyBenefits,
          risks: lists.agencyRisks,
        })
      },
      {
        ids: { persona, stakeholder, agency },
        lists: {
          values: keyedListFromTexts(['公開透明', '效率']),
          expectations: keyedListFromTexts(['知道申請進度', '看到過去的拒絕理由']),
          painPoints: keyedListFromTexts(['申請常石沉大海', '每次都從零開始']),
          userBenefits: { b1: { text: '少走冤枉路', index: 'a1', carrierId: '' } },
          userCosts: { c1: { text: '學習使用平臺', index: 'a1', carrierId: '' } },
          agencyBenefits: { b1: { text: '掌握民眾需求', index: 'a1', carrierId: '' } },
          agencyRisks: { r1: { text: '個資外洩', index: 'a1', carrierId: agency } },
        },
      },
    )
    await addStepNote(ana, journey, 'painPoints', 2, '等了兩個月沒有回覆')
    const counter = await addStepNote(ana, blueprint, 'frontStage', 1, '線上填寫申請表')
    const backOffice = await addStepNote(ana, blueprint, 'backStage', 2, '承辦人審查並回覆理由')
    for (const [step, card] of [
      [counter, stakeholder],
      [backOffice, agency],
    ] as const) {
      await ana.openContextMenuOn(step)
      await ana.page.getByTestId('context-menu-sub.link-stakeholder-button').click()
      await ana.linkStakeholderItem(card).click()
    }

    await ana.closeSidePanels()
    await ana.page.evaluate(() => {
      const editor = window.__civicCanvas!.editor
      editor.setCurrentTool('select')
      editor.selectNone()
      // Fit the board between tldraw's panels (page menu, style panel, toolbar), centred.
      const all = editor.getCurrentPageBounds()!
      const free = { x: 12, y: 50, w: 1100, h: 640 }
      const z = Math.min(free.w / all.w, free.h / all.h)
      editor.setCamera(
        { x: (free.x + (free.w - all.w * z) / 2) / z - all.x, y: (free.y + (free.h - all.h * z) / 2) / z - all.y, z },
        { immediate: true },
      )
    })
    await ana.page.mouse.move(5, 400)
    // Chinese on the canvas is drawn in the bundled Noto Sans TC, loaded from our server.
    await ana.page.evaluate(() => document.fonts.ready)
    const fonts = await ana.page.evaluate(() => ({
      loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans TC' && f.status === 'loaded').length,
      noteFont: getComputedStyle(document.querySelector('.tl-shape[data-shape-type="note"] .tl-rich-text')!).fontFamily,
    }))
    expect(fonts.loaded).toBeGreaterThan(0)
    expect(fonts.noteFont).toContain('Noto Sans TC')
    const fontFiles = await ana.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => /noto-sans-tc.*\.woff2$/.test(url)),
    )
    expect(fontFiles.length).toBeGreaterThan(0)
    const served = await fetch(fontFiles[0]!)
    expect([served.status, new URL(fontFiles[0]!).origin]).toEqual([200, server.url])
    // The README's picture is refreshed on request only: a test run must not change tracked files.
    if (process.env.UPDATE_SCREENSHOT === '1') {
      await ana.page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url)) })
    }
  })
})
