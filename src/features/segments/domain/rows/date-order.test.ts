import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../../contracts/recipe'
import { readDateValues, sayDayMonth } from './date-cell'
import { dateColumnReading, dateOrderToAsk } from './date-order'

const column = 'Last Purchase'

function readingOf(values: string[]) {
  const reading = readDateValues(values, { column })
  if (reading.kind === 'not-dates') throw new Error(reading.sentence)
  return dateColumnReading(reading)
}

describe('sayDayMonth', () => {
  it('says a day/month cell in either order, with the ordinal English uses', () => {
    expect(sayDayMonth('03/04/2026', 'dayFirst')).toBe('the 3rd of April')
    expect(sayDayMonth('03/04/2026', 'monthFirst')).toBe('the 4th of March')
    expect(sayDayMonth('1.11.26', 'dayFirst')).toBe('the 1st of November')
    expect(sayDayMonth('12-22-2026', 'monthFirst')).toBe('the 22nd of December')
    expect(sayDayMonth('11/12/2026', 'dayFirst')).toBe('the 11th of December')
  })
})

describe('dateColumnReading', () => {
  it('asks which order a column of days and months all 12 or under is written in', () => {
    expect(readingOf(['03/04/2026', '05/06/2026', ''])).toEqual({
      kind: 'ambiguous',
      example: '03/04/2026',
      question: 'Is 03/04/2026 the 3rd of April or the 4th of March?',
      answers: [
        { order: 'dayFirst', label: 'the 3rd of April' },
        { order: 'monthFirst', label: 'the 4th of March' },
      ],
    })
  })

  it('says which order it assumed when a cell decided it', () => {
    expect(readingOf(['03/04/2026', '25/03/2026'])).toEqual({
      kind: 'decided',
      order: 'dayFirst',
      sentence: 'Dates read day first: 25/03/2026 is the 25th of March.',
      example: '25/03/2026',
    })
    expect(readingOf(['03/25/2026', '03/04/2026'])).toEqual({
      kind: 'decided',
      order: 'monthFirst',
      sentence: 'Dates read month first: 03/25/2026 is the 25th of March.',
      example: '03/25/2026',
    })
  })

  it('says nothing of an order for ISO dates, or days equal to their month', () => {
    expect(readingOf(['2026-03-04', '2026-12-01'])).toEqual({
      kind: 'decided',
      order: null,
      sentence: null,
    })
    expect(readingOf(['03/03/2026'])).toEqual({ kind: 'decided', order: null, sentence: null })
  })

  it('gives the sentence of a column that mixes the two orders', () => {
    const reading = readingOf(['25/03/2026', '03/25/2026'])
    expect(reading.kind).toBe('mixed')
    expect(reading.kind === 'mixed' && reading.sentence).toContain(
      'mixes day-first dates (like 25/03/2026) and month-first dates (like 03/25/2026)',
    )
  })
})

describe('dateOrderToAsk', () => {
  const after: RowCondition = { kind: 'date', column, op: 'after', date: '2026-10-01' }
  const columns = (values: string[]) => [
    { name: 'Plan Type', dates: null },
    { name: column, dates: readingOf(values) },
  ]

  it("asks the column's question of a saved date condition that names no order", () => {
    const asked = dateOrderToAsk(after, columns(['02/11/2026', '12/03/2026']))
    expect(asked?.question).toBe('Is 02/11/2026 the 2nd of November or the 11th of February?')
    // Next week's export may write the header in another case: the condition still finds it.
    expect(
      dateOrderToAsk({ ...after, column: 'last purchase' }, columns(['02/11/2026']))?.example,
    ).toBe('02/11/2026')
  })

  it('asks nothing once the condition names an order, or when the file decides it', () => {
    expect(dateOrderToAsk({ ...after, order: 'dayFirst' }, columns(['02/11/2026']))).toBeNull()
    expect(dateOrderToAsk(after, columns(['02/11/2026', '25/03/2026']))).toBeNull()
    expect(dateOrderToAsk(after, columns(['2026-11-02']))).toBeNull()
  })

  it('asks again, with the one order they can be read in, when the dates contradict the order the condition names', () => {
    const dayFirst = { ...after, order: 'dayFirst' as const }
    expect(dateOrderToAsk(dayFirst, columns(['02/11/2026', '03/13/2026']))).toEqual({
      kind: 'ambiguous',
      example: '03/13/2026',
      question:
        '"Last Purchase" was read day first before, but this file has 03/13/2026, which can only be the 13th of March: read it month first?',
      answers: [{ order: 'monthFirst', label: 'the 13th of March' }],
    })
    // Dates that agree with it, or need no order, ask nothing.
    expect(dateOrderToAsk(dayFirst, columns(['02/11/2026', '25/03/2026']))).toBeNull()
    expect(dateOrderToAsk(dayFirst, columns(['2026-03-13']))).toBeNull()
  })

  it('asks nothing of a text condition, or of a column the file lacks', () => {
    const text: RowCondition = { kind: 'text', column, op: 'isEmpty' }
    expect(dateOrderToAsk(text, columns(['02/11/2026']))).toBeNull()
    expect(dateOrderToAsk({ ...after, column: 'Renewed On' }, columns(['02/11/2026']))).toBeNull()
  })
})
