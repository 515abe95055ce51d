import { describe, expect, it } from 'vitest'
import { defaultMapping, type TableData } from './property-table'
import { createPlanSession } from './table-plan'

const registered = new Set(['membership_tier', 'seat_section'])

function table(columns: string[], rows: string[][]): TableData {
  return { columns, rows }
}

describe('createPlanSession', () => {
  it('answers with a summary and an outline, and keeps the requests for sending', () => {
    const data = table(
      ['user_id', 'membership_tier', 'seat_section'],
      [
        ['1', 'Gold', 'A'],
        ['2', 'Gold', 'A'],
        ['3', 'Silver', ''],
      ],
    )
    const session = createPlanSession(data)
    const view = session.plan(1, defaultMapping(data.columns, 0), registered, 1000)

    expect(view.seq).toBe(1)
    expect(view.summary).toMatchObject({ rowsRead: 3, rowsUsed: 3, problems: [] })
    expect(view.summary).not.toHaveProperty('rows')
    expect(view.outline).toEqual({
      ok: true,
      requests: 2,
      strategy: 'by-row',
      groups: [['membership_tier', 'seat_section']],
    })
    expect(session.requests(1)).toEqual([
      { userIds: ['1', '2'], userProperties: { membership_tier: 'Gold', seat_section: 'A' } },
      { userIds: ['3'], userProperties: { membership_tier: 'Silver' } },
    ])
  })

  it('follows the mapping: an excluded column is no longer planned', () => {
    const data = table(['user_id', 'membership_tier', 'seat_section'], [['1', 'Gold', 'A']])
    const session = createPlanSession(data)
    const mapping = defaultMapping(data.columns, 0)
    session.plan(1, mapping, registered, 1000)
    const without = {
      ...mapping,
      columns: mapping.columns.map((c, i) => ({ ...c, include: i === 1 })),
    }
    session.plan(2, without, registered, 1000)

    expect(session.requests(2)).toEqual([
      { userIds: ['1'], userProperties: { membership_tier: 'Gold' } },
    ])
  })

  it('refuses to hand over the requests of a plan a later one replaced', () => {
    const data = table(['user_id', 'membership_tier'], [['1', 'Gold']])
    const session = createPlanSession(data)
    session.plan(1, defaultMapping(data.columns, 0), registered, 1000)
    session.plan(2, defaultMapping(data.columns, 0), registered, 1)

    expect(() => session.requests(1)).toThrow(/plan 1 was replaced by plan 2/)
    expect(session.requests(2)).toHaveLength(1)
  })

  it('gives no outline while the table has a problem', () => {
    // first_open_time is reserved by GA4, so no column would be sent.
    const data = table(['user_id', 'first_open_time'], [['1', '2024-01-01']])
    const view = createPlanSession(data).plan(1, defaultMapping(data.columns, 0), registered, 1000)

    expect(view.summary.problems).toEqual([
      'No column will be sent: include at least one column whose name FanPass accepts.',
    ])
    expect(view.outline).toBeNull()
  })

  it('lists the first 5 conflicts and counts them all', () => {
    const rows = Array.from({ length: 7 }, (_, i) => [
      [`${i}`, 'Gold'],
      [`${i}`, 'Silver'],
    ]).flat()
    const data = table(['user_id', 'membership_tier'], rows)
    const view = createPlanSession(data).plan(1, defaultMapping(data.columns, 0), registered, 1000)

    expect(view.outline).toMatchObject({ ok: false, conflictCount: 7 })
    expect(view.outline?.ok === false && view.outline.conflicts).toEqual(
      Array.from({ length: 5 }, (_, i) => ({
        userId: `${i}`,
        property: 'membership_tier',
        values: ['Gold', 'Silver'],
      })),
    )
  })
})
