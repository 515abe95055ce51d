import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cellAsId,
  cellAsProperty,
  emptyCell,
  excelDecimal,
  excelSerialDate,
  excelSerialTime,
  plainDecimal,
  type Cell,
} from './cell'

const cell = (fields: Partial<Cell>): Cell => ({ ...emptyCell(), ...fields })
const number = (value: number, padWidth = 0) => cell({ kind: 'number', number: value, padWidth })

describe('a cell as a user ID', () => {
  it('gives a number cell its exact digits, never scientific notation or ".0"', () => {
    expect(cellAsId(number(123456789012))).toEqual({
      id: '123456789012',
      padded: false,
      excluded: null,
    })
    expect(cellAsId(number(999999999999999)).id).toBe('999999999999999')
  })

  it('excludes a number with more than 15 digits: Excel already rounded it', () => {
    expect(cellAsId(number(Number('12345678901234567')))).toMatchObject({
      id: null,
      excluded: 'roundedCell',
      shown: '12345678901234568',
    })
    expect(cellAsId(number(1.23457e20))).toMatchObject({
      excluded: 'roundedCell',
      shown: '123457000000000000000',
    })
  })

  it('keeps a text cell as written, leading zeros included (cleaning comes after)', () => {
    expect(cellAsId(cell({ kind: 'text', text: '000123' })).id).toBe('000123')
    expect(cellAsId(cell({ kind: 'text', text: ' 1.23457E+11 ' })).id).toBe(' 1.23457E+11 ')
  })

  it('pads a number cell whose format is zeros to the digits it shows, and says so', () => {
    expect(cellAsId(number(123, 6))).toEqual({ id: '000123', padded: true, excluded: null })
    expect(cellAsId(number(1234567, 6))).toEqual({ id: '1234567', padded: false, excluded: null })
  })

  it('excludes dates, booleans, errors and decimals with what they showed', () => {
    expect(cellAsId(cell({ kind: 'date', text: '2025-07-01' }))).toMatchObject({
      excluded: 'dateCell',
      shown: '2025-07-01',
    })
    expect(cellAsId(cell({ kind: 'boolean', number: 1 }))).toMatchObject({
      excluded: 'booleanCell',
      shown: 'TRUE',
    })
    expect(cellAsId(cell({ kind: 'error', text: '#N/A' }))).toMatchObject({
      excluded: 'errorCell',
      shown: '#N/A',
    })
    expect(cellAsId(cell({ kind: 'error', text: '#REF!' }))).toMatchObject({
      excluded: 'errorCell',
      shown: '#REF!',
    })
    expect(cellAsId(number(12345.5))).toMatchObject({ excluded: 'decimalCell', shown: '12345.5' })
  })

  it('gives an empty cell an empty value, which cleaning counts as blank', () => {
    expect(cellAsId(emptyCell()).id).toBe('')
  })
})

describe('a cell as a property value', () => {
  it('writes numbers as their shortest decimal at Excel precision', () => {
    expect(cellAsProperty(number(3))).toBe('3')
    expect(cellAsProperty(number(1.5))).toBe('1.5')
    expect(cellAsProperty(number(0.1 + 0.2))).toBe('0.3')
    expect(cellAsProperty(number(1e-7))).toBe('0.0000001')
    expect(cellAsProperty(number(42, 6))).toBe('000042')
  })

  it('writes dates as the reader gave them, booleans as true/false, errors as nothing', () => {
    expect(cellAsProperty(cell({ kind: 'date', text: '2024-02-29' }))).toBe('2024-02-29')
    expect(cellAsProperty(cell({ kind: 'boolean', number: 1 }))).toBe('true')
    expect(cellAsProperty(cell({ kind: 'boolean', number: 0 }))).toBe('false')
    expect(cellAsProperty(cell({ kind: 'error', text: '#N/A' }))).toBe('')
    expect(cellAsProperty(cell({ kind: 'text', text: ' Gold ' }))).toBe(' Gold ')
  })
})

describe('numbers and dates', () => {
  it('writes plain decimals without exponents', () => {
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000')
    expect(plainDecimal(-2.5e-8)).toBe('-0.000000025')
    expect(excelDecimal(-0.000012)).toBe('-0.000012')
    expect(excelDecimal(0)).toBe('0')
  })

  it('writes every number as its rounding to 15 significant digits, short or not', () => {
    expect(excelDecimal(123456789012345)).toBe('123456789012345')
    expect(excelDecimal(1234567890123456)).toBe('1234567890123460')
    expect(excelDecimal(0.30000000000000004)).toBe('0.3')
    expect(excelDecimal(1e21)).toBe('1000000000000000000000')
    const slow = (value: number) => plainDecimal(Number(value.toPrecision(15)))
    const numbers = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer().map((n) => n / 100),
      fc.integer({ min: 0, max: 10 ** 9 }).map((n) => n / 10 ** (n % 12)),
    )
    fc.assert(
      fc.property(numbers, (value) => {
        expect(excelDecimal(value)).toBe(value === 0 ? '0' : slow(value))
      }),
      { numRuns: 20_000 },
    )
  })

  it('turns Excel serials into the dates Excel shows, in both date systems', () => {
    expect(excelSerialDate(45839, false)).toBe('2025-07-01')
    expect(excelSerialDate(45839.75, false)).toBe('2025-07-01')
    expect(excelSerialDate(1, false)).toBe('1900-01-01')
    expect(excelSerialDate(61, false)).toBe('1900-03-01')
    expect(excelSerialDate(0, true)).toBe('1904-01-01')
    // Remembered by day, and the same each time it is asked.
    for (let serial = 44_000; serial < 48_000; serial += 0.5) {
      const expected = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000)
      expect(excelSerialDate(serial, false)).toBe(expected.toISOString().slice(0, 10))
    }
    expect(excelSerialDate(45839, false)).toBe('2025-07-01')
    expect(excelSerialDate(45839, true)).toBe('2029-07-02')
    expect(excelSerialTime(0.5)).toBe('12:00:00')
  })
})
