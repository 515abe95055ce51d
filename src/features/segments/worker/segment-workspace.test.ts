import { describe, expect, it } from 'vitest'
import { headerSignature, sheetsSignature } from '../../../lib/reading-memory'
import { rejection } from '../../../lib/testing/ingest-inputs'
import { buildXlsx } from '../../../lib/testing/xlsx-builder'
import { keptListBytes } from '../testing/kept-list-bytes'
import { SegmentWorkspace } from './segment-workspace'
import type { IngestProgress } from './types'

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function csvFile(name: string, text: string | Uint8Array): File {
  return new File([typeof text === 'string' ? text : new Uint8Array(text)], name, {
    type: 'text/csv',
  })
}

const renewals = 'Name,Account ID\nAnn,0012\nBo,0034\nCy,0056\nDi,0034\n'
const appUsers = 'user_id\n0034\n12\n0056\n0078\n'

describe('SegmentWorkspace sources', () => {
  it('reads a file into a summary with its size and SHA-256', async () => {
    const workspace = new SegmentWorkspace()
    const progress: IngestProgress[] = []
    const { source, combined } = await workspace.addFile(
      's1',
      csvFile('renewals.csv', renewals),
      {},
      (p) => progress.push(p),
    )
    expect(source).toMatchObject({
      sourceId: 's1',
      name: 'renewals.csv',
      kind: 'file',
      sizeBytes: renewals.length,
      sha256: await sha256Hex(renewals),
      columns: ['Name', 'Account ID'],
      idColumn: 1,
      uniqueIds: 3,
    })
    expect(progress.at(-1)).toEqual({
      sourceId: 's1',
      name: 'renewals.csv',
      bytesRead: renewals.length,
      totalBytes: renewals.length,
    })
    expect(combined).toMatchObject({ total: 3, perSource: [{ sourceId: 's1', uniqueIds: 3 }] })
  })

  it('reads pasted text, fingerprinted as UTF-8 bytes', async () => {
    const workspace = new SegmentWorkspace()
    const text = 'Zoë1, 0012;0012'
    const { source: summary } = await workspace.addText('p1', 'Pasted IDs', text)
    expect(summary).toMatchObject({ kind: 'paste', layout: 'list', uniqueIds: 2 })
    expect(summary.sizeBytes).toBe(new TextEncoder().encode(text).length)
    expect(summary.sha256).toBe(await sha256Hex(text))
  })

  it('re-reads a file with another ID column in place, keeping its position', async () => {
    const workspace = new SegmentWorkspace()
    const file = csvFile('renewals.csv', renewals)
    await workspace.addFile('s1', file)
    await workspace.addText('p1', 'Pasted IDs', '9999')
    const again = await workspace.chooseIdColumn('s1', 0)
    expect(again.source.idColumn).toBe(0)
    expect(again.combined.perSource.map((source) => source.sourceId)).toEqual(['s1', 'p1'])
    expect(workspace.getPage(0, 10).ids).toEqual(['Ann', 'Bo', 'Cy', 'Di', '9999'])
  })

  it('reads a file that is UTF-8 at first and Windows-1252 later as Windows-1252', async () => {
    const head = new TextEncoder().encode('Account ID\n' + '0012345\n'.repeat(10_000))
    const bytes = Uint8Array.from([...head, 0x4a, 0x4f, 0x53, 0xc9, 0x0a])
    const { source: summary } = await new SegmentWorkspace().addFile(
      's1',
      csvFile('crm.csv', bytes),
    )
    expect(summary.encoding).toBe('windows-1252')
    expect(summary.uniqueIds).toBe(2)
    expect(summary.warnings[0]).toContain('read as Windows-1252')
  })

  it('rejects a workbook cut short without adding it', async () => {
    const workspace = new SegmentWorkspace()
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
    const error = await rejection(workspace.addFile('s1', csvFile('report.xlsx', xlsx)))
    expect(error.sentence).toBe(
      'report.xlsx is an incomplete or damaged workbook (part of it is missing, as when a download is cut short). Download or save it again, then drop it here.',
    )
    expect(workspace.current().combined.perSource).toEqual([])
  })

  it('reads a workbook by its content, whatever its name, and reads another sheet on request', async () => {
    const workspace = new SegmentWorkspace()
    const bytes = buildXlsx({
      sheets: [
        { name: 'Summary', rows: [['Season report']] },
        { name: 'Fans', rows: [['Account ID'], [{ n: '123456789012' }], ['0012']] },
      ],
    })
    const first = await workspace.addFile('s1', csvFile('fans.csv', bytes))
    expect(first.source.workbook).toEqual({
      format: 'xlsx',
      sheets: [
        { name: 'Summary', hidden: false },
        { name: 'Fans', hidden: false },
      ],
      sheet: 0,
      sheetRemembered: false,
    })
    const second = await workspace.chooseSheet('s1', 1)
    expect(second.combined.total).toBe(2)
    expect(workspace.getPage(0, 10).ids).toEqual(['123456789012', '0012'])
  })

  it("reads next week's workbook from the sheet and ID column chosen for last week's", async () => {
    const workspace = new SegmentWorkspace()
    const bytes = buildXlsx({
      sheets: [
        { name: 'Summary', rows: [['Season report']] },
        {
          name: 'Renewals',
          rows: [
            ['Account ID', 'CRM Ref'],
            ['0012', 'crm-1'],
            ['0013', 'crm-2'],
          ],
        },
      ],
    })
    const { source } = await workspace.addFile('s1', csvFile('week-2.xlsx', bytes), {
      sheets: new Map([[sheetsSignature(['summary', 'RENEWALS']), 'Renewals']]),
      idColumns: new Map([[headerSignature(['Account ID', 'CRM Ref']), 1]]),
    })
    expect(source.workbook).toMatchObject({ sheet: 1, sheetRemembered: true })
    expect(source).toMatchObject({ idColumn: 1, idColumnChoice: 'remembered' })
    expect(workspace.getPage(0, 10).ids).toEqual(['crm-1', 'crm-2'])
  })

  it('cancels one reading: the add rejects and the source is not kept', async () => {
    const workspace = new SegmentWorkspace()
    const big = csvFile('big.csv', 'id\n' + '1234567\n'.repeat(500_000))
    const reading = workspace.addFile('s1', big)
    workspace.cancel('s1')
    const error = await rejection(reading)
    expect(error.code).toBe('cancelled')
    expect(workspace.current().combined.perSource).toEqual([])
  })

  it('combines sources in the order they were added, not the order their readings finish', async () => {
    const workspace = new SegmentWorkspace()
    const big = csvFile('all-members.csv', 'id\n' + '1234567\n'.repeat(300_000) + '0034\n')
    const first = workspace.addFile('s1', big)
    const second = workspace.addFile('s2', csvFile('app.csv', appUsers))
    await Promise.all([first, second])

    const { combined } = workspace.combine('subtract')
    expect(combined.perSource.map((source) => source.sourceId)).toEqual(['s1', 's2'])
    expect(combined.total).toBe(1)
  })

  it('arranges the sources in a given order and mode in one call', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    await workspace.addFile('s2', csvFile('app.csv', appUsers))

    const arranged = workspace.arrange(['s2', 's1'], 'subtract')

    expect(arranged.mode).toBe('subtract')
    expect(arranged.perSource.map((source) => source.sourceId)).toEqual(['s2', 's1'])
    expect(workspace.getPage(0, 10).ids).toEqual(['12', '0078'])
    // A source read again keeps its arranged place.
    await workspace.addFile('s2', csvFile('app.csv', appUsers))
    expect(workspace.current().combined.perSource.map((source) => source.sourceId)).toEqual([
      's2',
      's1',
    ])
  })

  it('reads the ID column remembered for the header row, and says so', async () => {
    const workspace = new SegmentWorkspace()
    const remembered = new Map([[headerSignature(['Name', 'Account ID']), 0]])
    const { source } = await workspace.addFile('s1', csvFile('renewals.csv', renewals), {
      idColumns: remembered,
    })
    expect(source).toMatchObject({
      idColumn: 0,
      automaticIdColumn: 1,
      idColumnChoice: 'remembered',
      headerSignature: headerSignature(['Name', 'Account ID']),
    })
    expect(workspace.getPage(0, 10).ids).toEqual(['Ann', 'Bo', 'Cy', 'Di'])
  })

  it('removes sources and clears', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('s1', csvFile('a.csv', renewals))
    await workspace.addFile('s2', csvFile('b.csv', appUsers))
    expect(workspace.removeSource('s1').total).toBe(4)
    expect(workspace.clear()).toMatchObject({ total: 0, perSource: [] })
  })
})

describe('SegmentWorkspace combined list', () => {
  async function twoSources(): Promise<SegmentWorkspace> {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    await workspace.addFile('s2', csvFile('app.csv', appUsers))
    return workspace
  }

  it('unions by default, counting IDs found in both sources once', async () => {
    const workspace = await twoSources()
    expect(workspace.current().combined).toEqual({
      version: expect.any(Number),
      mode: 'union',
      perSource: [
        { sourceId: 's1', name: 'renewals.csv', uniqueIds: 3, removed: 0 },
        { sourceId: 's2', name: 'app.csv', uniqueIds: 4, removed: 2 },
      ],
      total: 5,
      removedAcrossSources: 2,
      sentence: '5 IDs from 2 sources; 2 IDs appeared in more than one source and are sent once.',
    })
    expect(workspace.getPage(0, 10).ids).toEqual(['0012', '0034', '0056', '12', '0078'])
  })

  it('gives the list a new version whenever it changes, and only then', async () => {
    const workspace = await twoSources()
    const first = workspace.current().combined.version
    expect(workspace.combine('union').combined.version).toBe(first)
    const intersected = workspace.combine('intersection').combined.version
    expect(intersected).not.toBe(first)
    expect(workspace.removeSource('s2').version).not.toBe(intersected)
  })

  it('intersects and subtracts, the first source being the one subtracted from', async () => {
    const workspace = await twoSources()
    expect(workspace.combine('intersection').combined.total).toBe(2)
    expect(workspace.getPage(0, 10).ids).toEqual(['0034', '0056'])
    expect(workspace.combine('subtract').combined).toMatchObject({
      total: 1,
      removedAcrossSources: 2,
      sentence: '1 ID of renewals.csv remains after removing the 2 also in app.csv.',
    })
    expect(workspace.getPage(0, 10).ids).toEqual(['0012'])
  })

  it('pages and searches the final list', async () => {
    const workspace = await twoSources()
    expect(workspace.getPage(1, 2)).toEqual({ offset: 1, total: 5, ids: ['0034', '0056'] })
    expect(workspace.searchIds('00', 1, 2)).toEqual({
      query: '00',
      matches: 4,
      offset: 1,
      ids: ['0034', '0056'],
    })
    expect(workspace.searchIds('', 0, 1)).toMatchObject({ matches: 5, ids: ['0012'] })
  })

  it('prepares the exact request body with the IDs it carries, and the downloads', async () => {
    const workspace = await twoSources()
    const fields = { title: 'Renewals', tag: 'renewals', sourceType: 0, notes: '' } as const
    const { body, idCount } = workspace.prepareUpload(fields)
    expect(await body.text()).toBe(workspace.requestBody(fields))
    expect(idCount).toBe(5)
    expect(JSON.parse(await body.text())).toEqual({
      title: 'Renewals',
      tag: 'renewals',
      sourceType: 0,
      userIds: ['0012', '0034', '0056', '12', '0078'],
    })
    expect(await workspace.getResultBlob('csv').text()).toBe('userId\n0012\n0034\n0056\n12\n0078\n')
    expect(workspace.diffAgainstKept(keptListBytes('["0012","9999"]'))).toEqual({
      added: 4,
      removed: 1,
      unchanged: 1,
      previousSize: 2,
    })
  })
})

describe('SegmentWorkspace affected-row downloads', () => {
  it('downloads the rows of one kind of change', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    const csv = await workspace.getAffectedRowsCsv('s1', 'duplicate')
    expect(await csv.text()).toBe(
      'file,row,original value,outcome\nrenewals.csv,5,0034,Removed: the same ID appears in an earlier row\n',
    )
  })

  it('lists every affected row even beyond what is kept in memory', async () => {
    const workspace = new SegmentWorkspace({ storedRecordsPerKind: 10 })
    const repeats = 1_000
    await workspace.addFile('s1', csvFile('repeats.csv', 'id\n' + '42\n'.repeat(repeats + 1)))
    const lines = (await (await workspace.getAffectedRowsCsv('s1', 'duplicate')).text())
      .trimEnd()
      .split('\n')
    expect(lines).toHaveLength(repeats + 1)
    expect(lines.at(-1)).toBe(
      `repeats.csv,${repeats + 2},42,Removed: the same ID appears in an earlier row`,
    )
  })

  it('says when a source is gone', async () => {
    const error = await rejection(new SegmentWorkspace().getAffectedRowsCsv('nope', 'blank'))
    expect(error.code).toBe('unknown-source')
  })
})

describe('SegmentWorkspace state the page shows', () => {
  it('answers the sources read and their combination in one read', async () => {
    const workspace = new SegmentWorkspace()
    expect(workspace.current()).toMatchObject({
      combined: { total: 0, perSource: [] },
      sources: [],
    })
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    await workspace.addText('p1', 'Pasted IDs', '9999')
    workspace.arrange(['p1', 's1'], 'subtract')

    const { combined, sources } = workspace.current()

    expect(combined).toMatchObject({ mode: 'subtract', total: 1 })
    expect(sources.map(({ sourceId, name, uniqueIds }) => ({ sourceId, name, uniqueIds }))).toEqual(
      [
        { sourceId: 'p1', name: 'Pasted IDs', uniqueIds: 1 },
        { sourceId: 's1', name: 'renewals.csv', uniqueIds: 3 },
      ],
    )
  })

  it('drops a source whose Cancel came after its reading ended', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addText('p1', 'Pasted IDs', '1\n2')
    await workspace.addText('p2', 'More IDs', '3')

    const combined = workspace.cancel('p2')

    expect(combined).toMatchObject({ total: 2, perSource: [{ sourceId: 'p1' }] })
    expect(workspace.cancel('p2')).toBeNull()
  })
})

describe('SegmentWorkspace kept lists (History → Restore)', () => {
  it('reads the JSON text the history answers, as if the IDs were pasted one per line', async () => {
    const workspace = new SegmentWorkspace()

    const { source } = await workspace.addKeptList('r1', 'vip as uploaded', '["0012","12"]', 2)

    expect(source).toMatchObject({ name: 'vip as uploaded', kind: 'paste', uniqueIds: 2 })
    expect(source.warnings).toEqual([])
    expect(source.sha256).toBe(await sha256Hex('0012\n12'))
    expect(workspace.getPage(0, 10).ids).toEqual(['0012', '12'])
  })

  it('says so when the list does not hold as many IDs as the history recorded', async () => {
    const workspace = new SegmentWorkspace()

    const { source } = await workspace.addKeptList('r1', 'vip', '["0012","12"]', 1_000)

    expect(source.warnings).toEqual([
      'The team history recorded 1,000 IDs for this upload, but its kept list holds 2 IDs. Check the list before sending it.',
    ])
  })

  it('refuses an answer that is not a list of IDs', async () => {
    const error: unknown = await new SegmentWorkspace()
      .addKeptList('r1', 'vip', '{"ids":[]}', 0)
      .catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({
      message: 'The team history did not answer with a list of user IDs.',
    })
  })
})

describe('SegmentWorkspace choices and what the browser remembers of them', () => {
  const renewalsSignature = headerSignature(['Name', 'Account ID'])
  const appSignature = headerSignature(['user_id'])

  it('reads another ID column and remembers it; the automatic one again forgets it', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))

    const chosen = await workspace.chooseIdColumn('s1', 0)
    expect(chosen.source.idColumn).toBe(0)
    expect(chosen.memory).toEqual([
      { store: 'idColumns', signature: renewalsSignature, choice: { idColumn: 0 } },
    ])
    expect((await workspace.chooseIdColumn('s1', 1)).memory).toEqual([
      { store: 'idColumns', signature: renewalsSignature, choice: null },
    ])
    const restored = await workspace.restoreAutomaticIdColumn('s1')
    expect(restored.source.idColumn).toBe(1)
    expect(restored.memory).toEqual([
      { store: 'idColumns', signature: renewalsSignature, choice: null },
    ])
  })

  it('reads another sheet and remembers it; the sheet read automatically forgets it', async () => {
    const workspace = new SegmentWorkspace()
    const bytes = buildXlsx({
      sheets: [
        { name: 'Summary', rows: [['Account ID'], ['0001']] },
        { name: 'Fans', rows: [['Account ID'], ['0012'], ['0013']] },
      ],
    })
    const signature = sheetsSignature(['Summary', 'Fans'])
    await workspace.addFile('s1', csvFile('fans.xlsx', bytes))

    const chosen = await workspace.chooseSheet('s1', 1)
    expect(chosen.source.workbook?.sheet).toBe(1)
    expect(chosen.memory).toEqual([{ store: 'sheets', signature, choice: { sheet: 'Fans' } }])
    expect((await workspace.chooseSheet('s1', 0)).memory).toEqual([
      { store: 'sheets', signature, choice: null },
    ])

    await workspace.chooseSheet('s1', 1)
    const restored = await workspace.restoreAutomaticSheet('s1')
    expect(restored.source.workbook?.sheet).toBe(0)
    expect(restored.memory).toEqual([{ store: 'sheets', signature, choice: null }])
    expect(workspace.getPage(0, 10).ids).toEqual(['0001'])
  })

  it('remembers a combination other than Union in the order added, and forgets that one', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    await workspace.addFile('s2', csvFile('app.csv', appUsers))
    const key = [renewalsSignature, appSignature].sort().join('\u001E')

    expect(workspace.combine('subtract').memory).toEqual([
      {
        store: 'combinations',
        signature: key,
        choice: { mode: 'subtract', order: [renewalsSignature, appSignature] },
      },
    ])
    const moved = workspace.moveUp('s2')
    expect(moved.combined.perSource.map((source) => source.sourceId)).toEqual(['s2', 's1'])
    expect(moved.memory[0]?.choice).toEqual({
      mode: 'subtract',
      order: [appSignature, renewalsSignature],
    })
    expect(workspace.moveUp('s2').memory).toEqual([])

    const automatic = workspace.restoreAutomaticCombination()
    expect(automatic.combined).toMatchObject({ mode: 'union', perSource: [{ sourceId: 's1' }, {}] })
    expect(automatic.memory).toEqual([{ store: 'combinations', signature: key, choice: null }])
  })

  it("brings back last time's combination once no source is being read, with its tag", async () => {
    const workspace = new SegmentWorkspace()
    const key = [renewalsSignature, appSignature].sort().join('\u001E')
    const remembered = new Map([
      [key, { mode: 'subtract' as const, order: [appSignature, renewalsSignature], tag: 'lapsed' }],
    ])
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    const reading = workspace.addFile('s2', csvFile('app.csv', appUsers))
    expect(workspace.recallCombination(remembered)).toBeNull()
    await reading

    const recalled = workspace.recallCombination(remembered)

    expect(recalled?.tag).toBe('lapsed')
    expect(recalled?.combined.mode).toBe('subtract')
    expect(recalled?.combined.perSource.map((source) => source.sourceId)).toEqual(['s2', 's1'])
    expect(workspace.recallCombination(new Map())).toBeNull()
    expect(workspace.rememberUploadTag('lapsed')).toEqual([
      {
        store: 'combinations',
        signature: key,
        choice: { mode: 'subtract', order: [appSignature, renewalsSignature], tag: 'lapsed' },
      },
    ])
  })
})
