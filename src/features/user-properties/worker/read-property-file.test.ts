import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDroppedSource } from '../../../lib/ingest/parse-dropped-source'
import { switchingToWindows1252 } from '../../../lib/testing/ingest-inputs'
import { readPropertyFile } from './read-property-file'

const FIXTURES = join(import.meta.dirname, '../../../../e2e/fixtures/workbooks')

describe('readPropertyFile', () => {
  it('reads a CSV that switches to Windows-1252 half-way exactly as Segments does', async () => {
    const file = switchingToWindows1252(
      'user_id,city\n',
      (i) => `${1000 + i},Paris\n`,
      '9998,Liège\n9999,Orléans\n',
    )

    const segment = await parseDroppedSource(file, { name: 'fans.csv', kind: 'file' })
    const table = await readPropertyFile(file, { name: 'fans.csv' })

    expect(segment.summary.encoding).toBe('windows-1252')
    expect(table.encoding).toBe('windows-1252')
    expect(table.rows.slice(-2)).toEqual([
      ['9998', 'Liège'],
      ['9999', 'Orléans'],
    ])
    expect(table.rows.map(([id]) => id)).toEqual(segment.ids.slice())
    const notUtf8 = (warning: string) => warning.startsWith('fans.csv is not UTF-8 text')
    expect(table.warnings.filter(notUtf8)).toHaveLength(1)
    expect(segment.summary.warnings.filter(notUtf8)).toHaveLength(1)
  })

  it('reads a workbook by its content, whatever its name', async () => {
    const bytes = readFileSync(join(FIXTURES, 'member-properties.xlsx'))
    const table = await readPropertyFile(new Blob([bytes]), { name: 'members.csv' })

    expect(table.workbook?.format).toBe('xlsx')
    expect(table.rows[0]).toEqual(['0000001', '1500', '2019-08-10', 'true', 'Gold'])
  })
})
