import { describe, expect, it } from 'vitest'
import { isHeaderRow } from './detect-header'

describe('isHeaderRow', () => {
  it('treats a known column name as a header', () => {
    expect(isHeaderRow(['Account ID'], [['12345']])).toBe(true)
    expect(isHeaderRow(['account_id'], [])).toBe(true)
    expect(isHeaderRow(['Email', 'Tier'], [['a@b.c', 'Gold']])).toBe(true)
  })

  it('treats a row without digits above rows of numbers as a header', () => {
    expect(
      isHeaderRow(
        ['Barcode', 'Seat'],
        [
          ['0012', 'A1'],
          ['0034', 'B2'],
        ],
      ),
    ).toBe(true)
  })

  it('treats an ID-like first row as data', () => {
    expect(isHeaderRow(['12345'], [['67890'], ['13579']])).toBe(false)
    expect(isHeaderRow(['0012', 'Ann'], [['0034', 'Bo']])).toBe(false)
  })

  it('reads text IDs without a header as data', () => {
    expect(isHeaderRow(['abc'], [['def'], ['ghi']])).toBe(false)
  })
})
