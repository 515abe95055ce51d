import { describe, expect, it } from 'vitest'
import { byteChunks, rejection, utf8 } from '../testing/ingest-inputs'
import { parseSource, type ParsedSource, type ParseSourceOptions } from './parse-source'
import type { IssueKind, IssueSummary } from './types'

function readFile(
  text: string | Uint8Array,
  options: Partial<ParseSourceOptions> = {},
  chunkSize = 64 * 1024,
): Promise<ParsedSource> {
  const bytes = typeof text === 'string' ? utf8(text) : text
  return parseSource(byteChunks(bytes, chunkSize), {
    name: 'ids.csv',
    kind: 'file',
    totalBytes: bytes.length,
    ...options,
  })
}

function readPaste(text: string, options: Partial<ParseSourceOptions> = {}): Promise<ParsedSource> {
  return parseSource(text, { name: 'Pasted text', kind: 'paste', ...options })
}

function issue(parsed: ParsedSource, kind: IssueKind): IssueSummary | undefined {
  return parsed.summary.issues.find((candidate) => candidate.kind === kind)
}

describe('parseSource on files', () => {
  it('reads the ID column by its header and reports every cleaning change with examples', async () => {
    const parsed = await readFile(
      [
        'Email,Account ID,Tier',
        'a@x.com,0012345,Gold',
        'b@x.com, 0067890\u00A0,Silver',
        'c@x.com,0012345,Gold',
        'd@x.com,1.23457E+11,Gold',
        'e@x.com,55555.0,Gold',
        'f@x.com,,Gold',
        '',
        'g@x.com,12345:678,Gold',
        `h@x.com,${'x'.repeat(300)},Gold`,
        'i@x.com,"44\u000744",Gold',
      ].join('\n') + '\n',
    )
    expect(parsed.ids.slice()).toEqual([
      '0012345',
      '0067890',
      '55555',
      '12345:678',
      'x'.repeat(300),
      '44\u000744',
    ])
    expect(parsed.rows).toEqual([2, 3, 6, 9, 10, 11])
    const { summary } = parsed
    expect(summary).toMatchObject({
      layout: 'table',
      delimiter: ',',
      hasHeader: true,
      columns: ['Email', 'Account ID', 'Tier'],
      idColumn: 1,
      rowsRead: 10,
      uniqueIds: 6,
      encoding: 'utf-8',
      lineEnding: 'lf',
    })
    const counts = Object.fromEntries(summary.issues.map((found) => [found.kind, found.count]))
    expect(counts).toEqual({
      scientific: 1,
      composite: 1,
      tooLong: 1,
      controlChars: 1,
      decimalSuffix: 1,
      trimmed: 1,
      duplicate: 1,
      blank: 2,
    })
    expect(issue(parsed, 'scientific')?.examples).toEqual([
      {
        file: 'ids.csv',
        row: 5,
        original: '1.23457E+11',
        outcome: 'Excluded: scientific notation, the last digits are lost',
      },
    ])
    expect(issue(parsed, 'scientific')?.sentence).toContain('format the ID column as Text')
    expect(issue(parsed, 'scientific')?.effect).toBe('excluded')
    expect(issue(parsed, 'trimmed')?.examples[0]).toEqual({
      file: 'ids.csv',
      row: 3,
      original: ' 0067890\u00A0',
      outcome: 'Kept as 0067890 after removing 1 non-breaking space and 1 space',
    })
    expect(issue(parsed, 'decimalSuffix')?.examples[0]?.outcome).toBe('Corrected to 55555')
    expect(issue(parsed, 'duplicate')?.examples[0]).toMatchObject({ row: 4, original: '0012345' })
    expect(issue(parsed, 'blank')?.examples.map((example) => example.row)).toEqual([7, 8])
    expect(summary.warnings).toEqual([])
  })

  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('reads a %j-separated (%s) file', async (delimiter) => {
    const text =
      ['Name', 'Fan ID', 'City'].join(delimiter) +
      '\n' +
      ['Ann', '0012', 'Oslo'].join(delimiter) +
      '\n' +
      ['Bo', '0034', 'Rome'].join(delimiter) +
      '\n'
    const parsed = await readFile(text)
    expect(parsed.summary.delimiter).toBe(delimiter)
    expect(parsed.summary.idColumn).toBe(1)
    expect(parsed.ids.slice()).toEqual(['0012', '0034'])
  })

  it.each(['Account ID', 'account_id', 'AccountId'])(
    'finds the ID column headed %j',
    async (header) => {
      const parsed = await readFile(`Name;${header};Zip\nAnn;0012;1000\nBo;0034;2000\n`)
      expect(parsed.summary.columns[parsed.summary.idColumn]).toBe(header)
      expect(parsed.ids.slice()).toEqual(['0012', '0034'])
    },
  )

  it('reads a one-column file without a header, keeping every row', async () => {
    const parsed = await readFile('0012\n0034\n0056')
    expect(parsed.summary).toMatchObject({
      delimiter: null,
      hasHeader: false,
      columns: ['Column 1'],
      rowsRead: 3,
    })
    expect(parsed.ids.slice()).toEqual(['0012', '0034', '0056'])
  })

  it('never splits a one-column value at a stray comma', async () => {
    const parsed = await readFile('userId\n12345\n"1,23457E+11"\n1,23457E+11\n67890\n')
    expect(parsed.summary.delimiter).toBeNull()
    expect(parsed.ids.slice()).toEqual(['12345', '67890'])
    expect(issue(parsed, 'scientific')?.count).toBe(2)
  })

  it('takes IDs from the first column when no header names an ID, and says so', async () => {
    const parsed = await readFile('Barcode,Seat\n0012,A1\n0034,B2\n')
    expect(parsed.ids.slice()).toEqual(['0012', '0034'])
    expect(parsed.summary.warnings).toEqual([
      'No column of ids.csv is named like an ID column (such as "Account ID"), so IDs were read from the first column, "Barcode". Pick another column if that is wrong.',
    ])
  })

  it('reads another column when asked, and refuses one that does not exist', async () => {
    const text = 'Account ID,Member ID\n1,A\n2,B\n'
    expect((await readFile(text, { idColumn: 1 })).ids.slice()).toEqual(['A', 'B'])
    const error = await rejection(readFile(text, { idColumn: 5 }))
    expect(error.code).toBe('bad-column')
    expect(error.sentence).toBe('ids.csv has 2 columns, so column 6 cannot be used for IDs.')
  })

  it('reads quoted cells, including separators and quotes inside them', async () => {
    const parsed = await readFile('"Name","Account ID"\n"Smith, Ann","0012"\n"Lee ""Bo""","0034"\n')
    expect(parsed.ids.slice()).toEqual(['0012', '0034'])
  })

  it.each([
    ['LF', '\n', 'lf'],
    ['CRLF', '\r\n', 'crlf'],
    ['CR', '\r', 'cr'],
  ] as const)('reads %s line endings', async (_name, newline, lineEnding) => {
    const parsed = await readFile(['Account ID', '0012', '0034', '0056'].join(newline) + newline)
    expect(parsed.ids.slice()).toEqual(['0012', '0034', '0056'])
    expect(parsed.summary).toMatchObject({ lineEnding, rowsRead: 3, hasHeader: true })
    expect(parsed.summary.issues).toEqual([])
  })

  it('reads a file whose first line ends in LF and the rest in CRLF without leftover CRs', async () => {
    const parsed = await readFile('Account ID\n0012\r\n0034\r\n')
    expect(parsed.ids.slice()).toEqual(['0012', '0034'])
    expect(parsed.summary.lineEnding).toBe('mixed')
    expect(parsed.summary.issues).toEqual([])
  })

  it('gives the same result whatever the chunk size', async () => {
    const text =
      '\uFEFFName;Account ID\r\n"Ann, ""A""";0012\r\nJosé;0034\r\n\r\nZoë; 0012\r\nMo;1,23457E+11\r\n' +
      Array.from({ length: 200 }, (_, i) => `P${i};${String(i).padStart(6, '0')}\r\n`).join('')
    const whole = await readFile(text)
    for (const size of [1, 7]) {
      const split = await readFile(text, {}, size)
      expect(split.ids.slice()).toEqual(whole.ids.slice())
      expect(split.rows).toEqual(whole.rows)
      expect({ ...split.summary, durationMs: 0 }).toEqual({ ...whole.summary, durationMs: 0 })
    }
    expect(whole.ids.slice(0, 3)).toEqual(['0012', '0034', '000000'])
    expect(whole.summary.rowsRead).toBe(205)
  })

  it('decodes UTF-16 LE and BE files with a BOM', async () => {
    const text = 'Account ID\r\nJOSÉ01\r\n0012\r\n'
    const units = Array.from(text, (c) => c.charCodeAt(0))
    const le = Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])])
    const be = Uint8Array.from([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])])
    for (const [bytes, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      for (const size of [1, 7, 1000]) {
        const parsed = await readFile(bytes, {}, size)
        expect(parsed.ids.slice()).toEqual(['JOSÉ01', '0012'])
        expect(parsed.summary.encoding).toBe(encoding)
      }
    }
  })

  it('reads a UTF-8 file with a BOM without the BOM ending up in the header', async () => {
    const parsed = await readFile(
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Account ID\n0012\n')]),
    )
    expect(parsed.summary).toMatchObject({ encoding: 'utf-8-bom', columns: ['Account ID'] })
    expect(parsed.ids.slice()).toEqual(['0012'])
  })

  it('reads Windows-1252 bytes when the file is not UTF-8, and warns', async () => {
    const bytes = Uint8Array.from([...utf8('Account ID\nJOS'), 0xc9, ...utf8('01\n0012\n')])
    const parsed = await readFile(bytes)
    expect(parsed.ids.slice()).toEqual(['JOSÉ01', '0012'])
    expect(parsed.summary.encoding).toBe('windows-1252')
    expect(parsed.summary.warnings[0]).toContain('read as Windows-1252')
  })

  it('rejects a file that is UTF-8 at first but not further on, so it can be read again', async () => {
    const head = 'Account ID\n' + '0012345\n'.repeat(10_000)
    const bytes = Uint8Array.from([...utf8(head), 0xe9, 0x0a])
    expect((await rejection(readFile(bytes))).code).toBe('mixed-encoding')
    const again = await readFile(bytes, { encoding: 'windows-1252' })
    expect(again.ids.slice()).toEqual(['0012345', 'é'])
  })

  it('refuses an Excel workbook with a sentence that says what to do', async () => {
    const error = await rejection(
      readFile(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), { name: 'report.xlsx' }),
    )
    expect(error.code).toBe('excel-workbook')
    expect(error.sentence).toContain('In Excel choose File › Save As › CSV UTF-8')
  })

  it('refuses binary data and an empty file', async () => {
    const binary = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 32)
    expect((await rejection(readFile(binary))).code).toBe('not-text')
    expect((await rejection(readFile(''))).sentence).toBe('ids.csv is empty.')
  })

  it('reads a file that is one long line of comma-separated IDs as a list', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => String(1_000_000 + i))
    const parsed = await readFile(ids.join(',') + ',1000000')
    expect(parsed.summary.layout).toBe('list')
    expect(parsed.ids.slice()).toEqual(ids)
    expect(issue(parsed, 'duplicate')?.examples[0]?.row).toBe(20_001)
  })

  it('points at short numeric IDs when most IDs have one length', async () => {
    const ids = Array.from({ length: 97 }, (_, i) => String(10_000_000 + i))
    const parsed = await readFile(`Account ID\n${ids.join('\n')}\n12345\n0123456\n1234567\n`)
    const mixed = issue(parsed, 'mixedLengths')
    expect(mixed?.count).toBe(3)
    expect(mixed?.examples.map((example) => [example.row, example.original])).toEqual([
      [99, '12345'],
      [100, '0123456'],
      [101, '1234567'],
    ])
    expect(mixed?.sentence).toBe(
      'Most IDs in "Account ID" have 8 digits, but 3 (3%) have 5–7 digits: leading zeros may have been lost, as Excel drops them when a column is not formatted as Text. Check these IDs against the source system.',
    )
  })

  it('reports progress up to the total and stops between chunks when cancelled', async () => {
    const bytes = utf8('Account ID\n' + '0012345\n'.repeat(200_000))
    const seen: number[] = []
    const done = await readFile(bytes, { onProgress: (read) => seen.push(read) })
    expect(seen.at(-1)).toBe(bytes.length)
    expect(done.summary.uniqueIds).toBe(1)

    const controller = new AbortController()
    let chunksRead = 0
    async function* slowChunks(): AsyncGenerator<Uint8Array> {
      for await (const chunk of byteChunks(bytes, 16 * 1024)) {
        chunksRead++
        if (chunksRead === 3) controller.abort()
        yield chunk
      }
    }
    const error = await rejection(
      parseSource(slowChunks(), { name: 'ids.csv', kind: 'file', signal: controller.signal }),
    )
    expect(error.code).toBe('cancelled')
    expect(error.sentence).toBe('Reading ids.csv was cancelled.')
    expect(chunksRead).toBeLessThan(5)
  })

  it('keeps every affected row of one kind when asked to capture it', async () => {
    const parsed = await readFile('id\n1\n1\n 2\n2\n', { captureKind: 'duplicate' })
    expect(parsed.records.rows('duplicate')).toEqual([3, 5])
    expect(parsed.records.count('trimmed')).toBe(1)
    expect(parsed.records.rows('trimmed')).toEqual([])
  })

  it('tells the rows it keeps how many lines the file has, estimated from its size', async () => {
    const text =
      'Account ID,Plan\n' + Array.from({ length: 40_000 }, (_, i) => `${i},Gold`).join('\n')
    const estimates: (number | undefined)[] = []

    await readFile(text, {
      keepRows: (_columns, _idColumn, expectedRows) => {
        estimates.push(expectedRows)
        return null
      },
    })

    expect(estimates).toHaveLength(1)
    expect(estimates[0]).toBeGreaterThan(40_001 * 0.9)
    expect(estimates[0]).toBeLessThan(40_001 * 1.1)
  })
})

describe('parseSource on pasted text', () => {
  it('splits on line breaks, commas, semicolons, tabs and spaces', async () => {
    const parsed = await readPaste('0012, 0034;0056\t0078 0090\r\n0012\n\n00AB')
    expect(parsed.summary).toMatchObject({ layout: 'list', encoding: 'text', hasHeader: false })
    expect(parsed.ids.slice()).toEqual(['0012', '0034', '0056', '0078', '0090', '00AB'])
    expect(issue(parsed, 'duplicate')?.examples[0]).toMatchObject({ row: 6, original: '0012' })
  })

  it('keeps a decimal-comma scientific number whole, and excludes it', async () => {
    const parsed = await readPaste('12345,1,23457E+11,67890')
    expect(parsed.ids.slice()).toEqual(['12345', '67890'])
    expect(issue(parsed, 'scientific')?.examples[0]?.original).toBe('1,23457E+11')
  })

  it('skips a header line', async () => {
    const parsed = await readPaste('Account ID\n0012\n0034')
    expect(parsed.summary).toMatchObject({ hasHeader: true, columns: ['Account ID'] })
    expect(parsed.ids.slice()).toEqual(['0012', '0034'])
  })

  it('reads a table copied from Excel with its header by the ID column', async () => {
    const parsed = await readPaste('Name\tAccount ID\nAnn Lee\t0012\nBo Chan\t0034\n')
    expect(parsed.summary).toMatchObject({ layout: 'table', delimiter: '\t', idColumn: 1 })
    expect(parsed.ids.slice()).toEqual(['0012', '0034'])
  })

  it('refuses an empty paste', async () => {
    expect((await rejection(readPaste('  \n '))).sentence).toBe('Pasted text is empty.')
  })
})

describe('parseSource at scale', () => {
  it('reads 1,000,000 IDs from a CRLF file and from a one-line paste', async ({ annotate }) => {
    const lines = Array.from({ length: 1_000_000 }, (_, i) =>
      // Every 20th ID repeats an earlier one: about 5 % duplicates, as in the benchmark file.
      String(i % 20 === 19 ? 10_000_000 + i - 7 : 10_000_000 + i),
    )
    const bytes = utf8('Account ID\r\n' + lines.join('\r\n') + '\r\n')
    let started = performance.now()
    const parsed = await readFile(bytes)
    const fileMs = performance.now() - started
    expect(parsed.summary.uniqueIds).toBe(950_000)
    expect(issue(parsed, 'duplicate')?.count).toBe(50_000)

    const paste = lines.join(',')
    started = performance.now()
    const pasted = await readPaste(paste)
    const pasteMs = performance.now() - started
    expect(pasted.summary.uniqueIds).toBe(950_000)
    await annotate(
      `1M IDs: file (${(bytes.length / 1e6).toFixed(1)} MB) ${Math.round(fileMs)} ms, one-line paste ${Math.round(pasteMs)} ms`,
    )
  })
})
