import { describe, expect, it } from 'vitest'
import { IdList } from '../../../lib/ingest/id-list'
import { idListBlob } from './id-list-export'

describe('idListBlob', () => {
  it('writes one ID per line as text', async () => {
    const blob = idListBlob(IdList.from(['0012', '12']), 'txt')
    expect(blob.type).toBe('text/plain;charset=utf-8')
    expect(await blob.text()).toBe('0012\n12\n')
  })

  it('writes a CSV with a userId header, quoting only where CSV needs it', async () => {
    const blob = idListBlob(IdList.from(['0012', 'a,b', '-5']), 'csv')
    expect(blob.type).toBe('text/csv;charset=utf-8')
    expect(await blob.text()).toBe('userId\n0012\n"a,b"\n-5\n')
  })

  it('writes large lists completely', async () => {
    const ids = Array.from({ length: 250_001 }, (_, i) => String(i))
    const lines = (await idListBlob(IdList.from(ids), 'txt').text()).split('\n')
    expect(lines).toHaveLength(250_002)
    expect(lines.at(-2)).toBe('250000')
  })

  it('writes an empty file for an empty list', async () => {
    expect(await idListBlob(new IdList(), 'txt').text()).toBe('')
  })
})
