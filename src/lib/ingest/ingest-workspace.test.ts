import { describe, expect, it } from 'vitest'
import { IngestWorkspace } from './ingest-workspace'
import { rejection } from './test-inputs'
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

describe('IngestWorkspace sources', () => {
  it('reads a file into a summary with its size and SHA-256', async () => {
    const workspace = new IngestWorkspace()
    const progress: IngestProgress[] = []
    const summary = await workspace.addFile('s1', csvFile('renewals.csv', renewals), {}, (p) =>
      progress.push(p),
    )
    expect(summary).toMatchObject({
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
    expect(workspace.listSources().map((source) => source.sourceId)).toEqual(['s1'])
  })

  it('reads pasted text, fingerprinted as UTF-8 bytes', async () => {
    const workspace = new IngestWorkspace()
    const text = 'Zoë1, 0012;0012'
    const summary = await workspace.addText('p1', 'Pasted IDs', text)
    expect(summary).toMatchObject({ kind: 'paste', layout: 'list', uniqueIds: 2 })
    expect(summary.sizeBytes).toBe(new TextEncoder().encode(text).length)
    expect(summary.sha256).toBe(await sha256Hex(text))
  })

  it('re-reads a file with another ID column in place, keeping its position', async () => {
    const workspace = new IngestWorkspace()
    const file = csvFile('renewals.csv', renewals)
    await workspace.addFile('s1', file)
    await workspace.addText('p1', 'Pasted IDs', '9999')
    const again = await workspace.addFile('s1', file, { idColumn: 0 })
    expect(again.idColumn).toBe(0)
    expect(workspace.listSources().map((source) => source.sourceId)).toEqual(['s1', 'p1'])
    expect(workspace.getPage(0, 10).ids).toEqual(['Ann', 'Bo', 'Cy', 'Di', '9999'])
  })

  it('reads a file that is UTF-8 at first and Windows-1252 later as Windows-1252', async () => {
    const head = new TextEncoder().encode('Account ID\n' + '0012345\n'.repeat(10_000))
    const bytes = Uint8Array.from([...head, 0x4a, 0x4f, 0x53, 0xc9, 0x0a])
    const summary = await new IngestWorkspace().addFile('s1', csvFile('crm.csv', bytes))
    expect(summary.encoding).toBe('windows-1252')
    expect(summary.uniqueIds).toBe(2)
    expect(summary.warnings[0]).toContain('read as Windows-1252')
  })

  it('rejects an Excel workbook without adding it', async () => {
    const workspace = new IngestWorkspace()
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
    const error = await rejection(workspace.addFile('s1', csvFile('report.xlsx', xlsx)))
    expect(error.sentence).toBe(
      'report.xlsx is an Excel workbook, not a CSV file. In Excel choose File › Save As › CSV UTF-8, then drop the CSV here.',
    )
    expect(workspace.listSources()).toEqual([])
  })

  it('cancels one reading: the add rejects and the source is not kept', async () => {
    const workspace = new IngestWorkspace()
    const big = csvFile('big.csv', 'id\n' + '1234567\n'.repeat(500_000))
    const reading = workspace.addFile('s1', big)
    workspace.cancel('s1')
    const error = await rejection(reading)
    expect(error.code).toBe('cancelled')
    expect(workspace.listSources()).toEqual([])
  })

  it('removes sources and clears', async () => {
    const workspace = new IngestWorkspace()
    await workspace.addFile('s1', csvFile('a.csv', renewals))
    await workspace.addFile('s2', csvFile('b.csv', appUsers))
    workspace.removeSource('s1')
    expect(workspace.combine().total).toBe(4)
    workspace.clear()
    expect(workspace.combine()).toMatchObject({ total: 0, perSource: [] })
  })
})

describe('IngestWorkspace combined list', () => {
  async function twoSources(): Promise<IngestWorkspace> {
    const workspace = new IngestWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    await workspace.addFile('s2', csvFile('app.csv', appUsers))
    return workspace
  }

  it('unions by default, counting IDs found in both sources once', async () => {
    const workspace = await twoSources()
    expect(workspace.combine()).toEqual({
      mode: 'union',
      perSource: [
        { sourceId: 's1', name: 'renewals.csv', uniqueIds: 3, removed: 0 },
        { sourceId: 's2', name: 'app.csv', uniqueIds: 4, removed: 2 },
      ],
      total: 5,
      removedAcrossSources: 2,
      sentence: '5 IDs from 2 sources; 2 IDs appeared in more than one source and are sent once.',
    })
    expect(workspace.getResultIds()).toEqual(['0012', '0034', '0056', '12', '0078'])
  })

  it('intersects and subtracts, the first source being the one subtracted from', async () => {
    const workspace = await twoSources()
    expect(workspace.combine('intersection').total).toBe(2)
    expect(workspace.getResultIds()).toEqual(['0034', '0056'])
    expect(workspace.combine('subtract')).toMatchObject({
      total: 1,
      removedAcrossSources: 2,
      sentence: '1 ID of renewals.csv remains after removing the 2 also in app.csv.',
    })
    workspace.setSourceOrder(['s2', 's1'])
    expect(workspace.getResultIds()).toEqual(['12', '0078'])
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

  it('builds the exact request body and the downloads from the final list', async () => {
    const workspace = await twoSources()
    const body = workspace.buildSegmentRequestBody({
      title: 'Renewals',
      tag: 'renewals',
      sourceType: 0,
      notes: '',
    })
    expect(JSON.parse(body)).toEqual({
      title: 'Renewals',
      tag: 'renewals',
      sourceType: 0,
      userIds: ['0012', '0034', '0056', '12', '0078'],
    })
    expect(await workspace.getResultBlob('csv').text()).toBe('userId\n0012\n0034\n0056\n12\n0078\n')
    expect(await workspace.getCombineRemovedCsv().text()).toBe(
      'file,row,original value,outcome\napp.csv,2,0034,Removed: already in an earlier source\napp.csv,4,0056,Removed: already in an earlier source\n',
    )
    expect(workspace.diffAgainst(['0012', '9999'])).toEqual({ added: 4, removed: 1, unchanged: 1 })
  })
})

describe('IngestWorkspace affected-row downloads', () => {
  it('downloads the rows of one kind of change', async () => {
    const workspace = new IngestWorkspace()
    await workspace.addFile('s1', csvFile('renewals.csv', renewals))
    const csv = await workspace.getAffectedRowsCsv('s1', 'duplicate')
    expect(await csv.text()).toBe(
      'file,row,original value,outcome\nrenewals.csv,5,0034,Removed: the same ID appears in an earlier row\n',
    )
  })

  it('lists every affected row even beyond what is kept in memory', async () => {
    const workspace = new IngestWorkspace({ storedRecordsPerKind: 10 })
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
    const error = await rejection(new IngestWorkspace().getAffectedRowsCsv('nope', 'blank'))
    expect(error.code).toBe('unknown-source')
  })
})

describe('IngestWorkspace bare-parse floor', () => {
  it('counts every row of a file read in many batches, rows with quoted line breaks included', async () => {
    const rows = 16_000
    // After the sniffed first lines, each row is mostly one quoted cell holding a line break, so
    // the batch boundaries fall inside quotes: a row carried wrongly from one batch to the next
    // starts the next batch inside quotes, and the count goes wrong.
    const note = (i: number) =>
      i < 100 ? `"note ${i}"` : `"${'x'.repeat(100)}\r\n${'y'.repeat(100)} ${i}"`
    const body = Array.from({ length: rows }, (_, i) => `${note(i)};${i}`).join('\r\n')
    const text = `${body}\r\n`
    // Built from 64 KB parts so Node streams it in 64 KB chunks, as browsers do (one part
    // would arrive as one chunk).
    const parts = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) =>
      text.slice(i * 65_536, (i + 1) * 65_536),
    )
    const file = new File(parts, 'notes.csv', { type: 'text/csv' })
    expect(file.size).toBeGreaterThan(3 * 1024 * 1024)
    const workspace = new IngestWorkspace()
    const figures = await workspace.measureBareParse(file)
    expect(figures).toMatchObject({ rows, delimiter: ';' })
    expect(figures.durationMs).toBeGreaterThan(0)
    expect(workspace.listSources()).toEqual([])
  })

  it('uses the delimiter addFile would sniff', async () => {
    const table = csvFile('renewals.csv', 'Name;Account ID\r\n"Smith; Ann";0012\r\nBo;0034\r\n')
    expect(await new IngestWorkspace().measureBareParse(table)).toMatchObject({
      rows: 3,
      delimiter: ';',
    })
    const list = csvFile('ids.csv', 'user_id\n1,23457E+11\n0012\n0012')
    expect(await new IngestWorkspace().measureBareParse(list)).toMatchObject({
      rows: 4,
      delimiter: null,
    })
  })
})
