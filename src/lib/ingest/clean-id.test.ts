import { describe, expect, it } from 'vitest'
import { CLEAN_FLAG, cleanId, cleanIdInto, createCleanOutcome } from './clean-id'

describe('cleanId', () => {
  it('keeps a plain ID exactly as written, leading zeros included', () => {
    expect(cleanId('0012345')).toMatchObject({ value: '0012345', flags: 0 })
    expect(cleanId('AB-12_x')).toMatchObject({ value: 'AB-12_x', flags: 0 })
  })

  it('trims spaces, non-breaking spaces and zero-width characters, and says so', () => {
    for (const raw of [
      ' 12345',
      '12345\t',
      '\u00A012345\u00A0',
      '\u200B12345',
      '12345\uFEFF',
      '\u2060123\u200C45\u200D',
    ]) {
      expect(cleanId(raw)).toMatchObject({
        value: '12345',
        flags: CLEAN_FLAG.trimmed,
      })
    }
  })

  it('drops blank values: empty, spaces only, invisible characters only', () => {
    for (const raw of ['', '   ', '\u00A0', '\u200B\uFEFF']) {
      expect(cleanId(raw)).toMatchObject({ value: null, flags: CLEAN_FLAG.blank })
    }
  })

  it('excludes Excel scientific notation with a decimal point or comma', () => {
    expect(cleanId('1.23457E+11')).toMatchObject({ value: null, flags: CLEAN_FLAG.scientific })
    expect(cleanId('1,23457E+11')).toMatchObject({ value: null, flags: CLEAN_FLAG.scientific })
    expect(cleanId('1E+11')).toMatchObject({ value: null, flags: CLEAN_FLAG.scientific })
    expect(cleanId(' 4.5e-3 ')).toMatchObject({
      value: null,
      flags: CLEAN_FLAG.scientific | CLEAN_FLAG.trimmed,
    })
  })

  it('does not mistake a text ID with an E in it for scientific notation', () => {
    expect(cleanId('12E45')).toMatchObject({ value: '12E45', flags: 0 })
  })

  it('corrects a ".0" suffix and keeps the digits', () => {
    expect(cleanId('12345.0')).toMatchObject({
      value: '12345',
      flags: CLEAN_FLAG.decimalSuffix,
    })
    expect(cleanId('0012.00').value).toBe('0012')
    // Three zeros may be a thousands separator: left alone.
    expect(cleanId('1.000')).toMatchObject({ value: '1.000', flags: 0 })
  })

  it('flags composite keys joined by ":", "|" or "/" and keeps them', () => {
    for (const raw of ['12345:678', '12345|678', '12345/678']) {
      expect(cleanId(raw)).toMatchObject({
        value: raw,
        flags: CLEAN_FLAG.composite,
      })
    }
    expect(cleanId('12345-678').flags).toBe(0)
    expect(cleanId(':12345').flags).toBe(0)
  })

  it('flags values longer than 256 characters and keeps them', () => {
    const long = 'a'.repeat(257)
    expect(cleanId(long)).toMatchObject({ value: long, flags: CLEAN_FLAG.tooLong })
    expect(cleanId('a'.repeat(256)).flags).toBe(0)
  })

  it('flags control characters inside a value and keeps it', () => {
    expect(cleanId('123\u0007456')).toMatchObject({
      value: '123\u0007456',
      flags: CLEAN_FLAG.controlChars,
    })
    expect(cleanId('123\u0085').flags).toBe(CLEAN_FLAG.controlChars)
  })

  it('reuses the outcome object it is given', () => {
    const out = createCleanOutcome()
    cleanIdInto(' 1 ', out)
    expect(out).toMatchObject({ value: '1', flags: CLEAN_FLAG.trimmed })
    cleanIdInto('abc', out)
    expect(out).toMatchObject({ value: 'abc', flags: 0 })
  })
})

describe('numeric keys for fast de-duplication', () => {
  it('gives digit-only IDs a key that keeps leading zeros apart', () => {
    expect(cleanId('0012').numericKey).toBe(12 * 16 + 4)
    expect(cleanId('12').numericKey).toBe(12 * 16 + 2)
    expect(cleanId(' 0012 ').numericKey).toBe(cleanId('0012').numericKey)
    expect(cleanId('12345.0').numericKey).toBe(cleanId('12345').numericKey)
  })

  it('gives no key to text IDs or to digit strings too long for an exact number', () => {
    expect(cleanId('12a').numericKey).toBe(-1)
    expect(cleanId('1'.repeat(15)).numericKey).toBe(-1)
    expect(cleanId('1'.repeat(15)).value).toBe('1'.repeat(15))
  })
})
