import { describe, expect, it } from 'vitest'
import { IssueRecords } from '../../../../lib/ingest/affected-rows'
import { CLEAN_FLAG } from '../../../../lib/ingest/clean-id'
import { IdCollector } from '../../../../lib/ingest/id-collector'
import { summarizeIssues } from '../../../../lib/ingest/issue-report'
import type { IssueKind } from '../../../../lib/ingest/types'
import { cleanIdColumn } from './cleaned-id-column'
import { ColumnTableBuilder } from './column-table'
import { keptIds } from './kept-ids'

const KINDS: readonly IssueKind[] = [
  'trimmed',
  'blank',
  'duplicate',
  'scientific',
  'decimalSuffix',
  'mixedLengths',
  'composite',
  'tooLong',
  'controlChars',
]

describe('cleanIdColumn', () => {
  it('cleans each distinct cell once; cells that clean to one ID share it', () => {
    const cleaned = cleanIdColumn(['12', ' 12', '', 'A7', '12.0', '1.23457E+11'])

    expect([...cleaned.idOf]).toEqual([0, 0, -1, 1, 0, -1])
    expect(cleaned.ids).toEqual(['12', 'A7'])
    expect([...cleaned.flags]).toEqual([
      0,
      CLEAN_FLAG.trimmed,
      CLEAN_FLAG.blank,
      0,
      CLEAN_FLAG.decimalSuffix,
      CLEAN_FLAG.scientific,
    ])
  })

  it('keeps the column’s own values when cleaning changes none', () => {
    const values = ['T1000000', 'T1000001', '']
    const cleaned = cleanIdColumn(values)

    expect(cleaned.ids).toBe(values)
    expect([...cleaned.idOf]).toEqual([0, 1, -1])
  })
})

describe('keptIds read by code', () => {
  // Cells a marketer's export holds, Excel damage included, drawn with repeats.
  const cells = [
    '0012345',
    '12345',
    ' 12345 ',
    '12345.0',
    '',
    '   ',
    '1.23457E+11',
    'A-17',
    'T1000000',
    'T1000000 ',
    '123',
    '4567890',
    '4567890.00',
    'x'.repeat(300),
    'ab\u0007c',
    '__proto__',
    '9'.repeat(20),
  ]

  it('gives exactly what the ID collector gives for the same kept rows', () => {
    let seed = 7
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
      return seed
    }
    const rows = Array.from({ length: 5_000 }, () => [
      cells[next() % cells.length] as string,
      next() % 3 === 0 ? 'Gold' : 'Silver',
    ])
    const builder = new ColumnTableBuilder(['Account ID', 'Plan'], 0)
    builder.addRows(rows, 2)
    const table = builder.finish()
    const mask = Uint8Array.from(rows, (row) => (row[1] === 'Gold' ? 1 : 0))

    const kept = keptIds(table, mask, 'tickets.csv')

    const records = new IssueRecords()
    const collector = new IdCollector(records, 'tickets.csv')
    const keptValues: string[] = []
    const keptRows: number[] = []
    rows.forEach((row, i) => {
      if (mask[i] !== 1) return
      keptValues.push(row[0] as string)
      keptRows.push(i + 2)
    })
    collector.addAll(keptValues, 0, 0, keptRows)
    const mixedLengths = collector.finish()
    const issues = summarizeIssues(records, {
      sourceName: 'tickets.csv',
      columnName: 'Account ID',
      mixedLengths,
    })

    expect(kept.ids.slice()).toEqual(collector.ids.slice())
    expect(kept.rows).toEqual(collector.rows)
    expect(kept.keptRows).toBe(keptValues.length)
    for (const kind of KINDS) {
      expect([kind, kept.records.count(kind)]).toEqual([kind, records.count(kind)])
      expect(kept.records.rows(kind)).toEqual(records.rows(kind))
      expect(kept.records.originals(kind)).toEqual(records.originals(kind))
    }
    expect(kept.issues).toEqual(issues)
    expect(records.count('duplicate')).toBeGreaterThan(0)
    expect(records.count('trimmed')).toBeGreaterThan(0)
  })
})
