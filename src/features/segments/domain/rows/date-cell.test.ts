import { describe, expect, it } from 'vitest'
import { dayNumber, isoDay, isoDayNumber, readDateValues, type DateReading } from './date-cell'

const column = 'Last Purchase'
const MARCH_25 = isoDayNumber('2026-03-25')

function days(reading: DateReading): string[] {
  if (reading.kind !== 'dates') throw new Error(`expected dates, got ${reading.kind}`)
  return [...reading.days].map((day) => (Number.isNaN(day) ? '' : isoDay(day)))
}

describe('day numbers', () => {
  it('counts days from 1970-01-01 and refuses impossible dates', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0)
    expect(isoDayNumber('1970-01-02')).toBe(1)
    expect(isoDay(MARCH_25)).toBe('2026-03-25')
    expect(isoDayNumber('2026-02-29')).toBeNaN()
    expect(isoDayNumber('2024-02-29')).toBe(dayNumber(2024, 2, 29))
    expect(isoDayNumber('2026-13-01')).toBeNaN()
    expect(isoDayNumber('25/03/2026')).toBeNaN()
  })
})

describe('readDateValues', () => {
  it('reads ISO days, with or without a time, and blanks as no day', () => {
    const reading = readDateValues(
      [
        '2026-03-25',
        '2026-03-25T23:30:00Z',
        '2026-03-25 08:15',
        '2026-03-25T01:00:00.000+02:00',
        '',
      ],
      { column },
    )
    expect(days(reading)).toEqual(['2026-03-25', '2026-03-25', '2026-03-25', '2026-03-25', ''])
    expect(reading.kind === 'dates' && reading.order).toBeNull()
  })

  it('reads year-first dates with slashes or dots', () => {
    expect(days(readDateValues(['2026/03/25', '2026.3.5'], { column }))).toEqual([
      '2026-03-25',
      '2026-03-05',
    ])
  })

  it('decides day first from a first part over 12, with any separator', () => {
    const reading = readDateValues(['25/03/2026', '04-05-2026', '1.2.2026'], { column })
    expect(reading.kind === 'dates' && reading.order).toBe('dayFirst')
    expect(days(reading)).toEqual(['2026-03-25', '2026-05-04', '2026-02-01'])
  })

  it('decides month first from a second part over 12', () => {
    const reading = readDateValues(['03/25/2026', '04/05/2026 9:15 PM'], { column })
    expect(reading.kind === 'dates' && reading.order).toBe('monthFirst')
    expect(days(reading)).toEqual(['2026-03-25', '2026-04-05'])
  })

  it('asks when no value decides the order, and reads it as told', () => {
    const reading = readDateValues(['04/05/2026', '06/07/2026'], { column })
    expect(reading.kind).toBe('ambiguous')
    expect(reading.kind === 'ambiguous' && reading.sentence).toBe(
      'The dates in "Last Purchase" could be day first or month first (is 04/05/2026 the 4 May or the 5 April?). Say which.',
    )
    expect(days(readDateValues(['04/05/2026'], { column, order: 'monthFirst' }))).toEqual([
      '2026-04-05',
    ])
  })

  it('needs no order when day and month are equal', () => {
    expect(days(readDateValues(['05/05/2026'], { column }))).toEqual(['2026-05-05'])
  })

  it('reports a column mixing day-first and month-first dates', () => {
    const reading = readDateValues(['25/03/2026', '03/26/2026'], { column })
    expect(reading).toMatchObject({
      kind: 'mixed',
      dayFirstExample: '25/03/2026',
      monthFirstExample: '03/26/2026',
    })
    expect(reading.kind === 'mixed' && reading.sentence).toContain('mixes day-first dates')
  })

  it('reports data contradicting the order chosen last time', () => {
    const reading = readDateValues(['03/26/2026'], { column, order: 'dayFirst' })
    expect(reading.kind).toBe('mixed')
    expect(reading.kind === 'mixed' && reading.sentence).toContain('can only be month first')
  })

  it('reads two-digit years in Excel’s window', () => {
    expect(
      days(readDateValues(['25/03/26', '25/03/29', '25/03/30', '25/03/99'], { column })),
    ).toEqual(['2026-03-25', '2029-03-25', '1930-03-25', '1999-03-25'])
  })

  it('reads Excel serials only when told the cells were Excel dates', () => {
    const serials = ['46106', '1', '59', '61', '46106.75']
    expect(readDateValues(serials, { column }).kind).toBe('not-dates')
    expect(days(readDateValues(serials, { column, excelSerials: true }))).toEqual([
      '2026-03-25',
      '1900-01-01',
      '1900-02-28',
      '1900-03-01',
      '2026-03-25',
    ])
    expect(readDateValues(['60'], { column, excelSerials: true }).kind).toBe('not-dates')
  })

  it.each(['31/02/2026', '13/13/2026', 'tomorrow', '2026-02-30', '25/03/2026 lunch', '1e5'])(
    'refuses %j with a sentence naming it',
    (cell) => {
      const reading = readDateValues(['2026-03-25', cell], { column })
      expect(reading.kind).toBe('not-dates')
      expect(reading.kind === 'not-dates' && reading.sentence).toContain(`"${cell}"`)
    },
  )

  it('refuses a day that does not exist in the order the data decided', () => {
    expect(readDateValues(['31/01/2026', '30/02/2026'], { column }).kind).toBe('not-dates')
  })
})
