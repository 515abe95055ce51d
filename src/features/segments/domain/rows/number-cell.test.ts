import { describe, expect, it } from 'vitest'
import { isBlankCell, readNumberCell, readNumberValues } from './number-cell'

describe('readNumberCell', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['+0.25', 0.25],
    ['.5', 0.5],
    ['7.', 7],
    [' 3 ', 3],
    ['\t42\u00A0', 42],
    ['0012', 12],
    ['-0', -0],
  ])('reads %j as %d', (cell, value) => {
    expect(readNumberCell(cell)).toBe(value)
  })

  it.each([
    '',
    '  ',
    '1e5',
    '1E+11',
    '1,234',
    '3,5',
    '$5',
    '5%',
    'NaN',
    'Infinity',
    '1 000',
    '--1',
    '.',
    '0x1F',
    '1.2.3',
  ])('refuses %j', (cell) => {
    expect(readNumberCell(cell)).toBeNull()
  })
})

describe('readNumberValues', () => {
  it('reads a column whose non-blank values are all numbers', () => {
    const { numbers, allNumbers } = readNumberValues(['3', '', ' 4.5 '])
    expect(allNumbers).toBe(true)
    expect([...numbers]).toEqual([3, Number.NaN, 4.5])
  })

  it('is not a number column with one text value, or with blanks only', () => {
    expect(readNumberValues(['3', 'n/a']).allNumbers).toBe(false)
    expect(readNumberValues(['', ' ']).allNumbers).toBe(false)
  })

  it('treats spaces only as blank', () => {
    expect(isBlankCell(' \t')).toBe(true)
    expect(isBlankCell('0')).toBe(false)
  })
})
