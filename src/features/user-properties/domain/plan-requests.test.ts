import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  planRequests,
  type Plan,
  type PlanResult,
  type PropertyRow,
  type UpdateUserRequest,
} from './plan-requests'

function row(userId: string, properties: Record<string, string>): PropertyRow {
  return { userId, properties }
}

function planned(result: PlanResult): Plan {
  if (!result.ok) throw new Error(`expected a plan, got conflicts ${JSON.stringify(result)}`)
  return result.plan
}

/** Sets one property of one user in a (user → property → value) map. */
function setValue(
  users: Map<string, Map<string, string>>,
  userId: string,
  property: string,
  value: string,
): void {
  const user = users.get(userId) ?? new Map<string, string>()
  users.set(userId, user.set(property, value))
}

/** Replays requests the way FanPass would; throws if any write is not the user's own value. */
function applyInOrder(
  requests: readonly UpdateUserRequest[],
  expected: ReadonlyMap<string, ReadonlyMap<string, string>>,
): Map<string, Map<string, string>> {
  const store = new Map<string, Map<string, string>>()
  for (const request of requests) {
    for (const userId of request.userIds) {
      for (const [property, value] of Object.entries(request.userProperties)) {
        const wanted = expected.get(userId)?.get(property)
        if (wanted !== value) {
          throw new Error(`${userId} would get ${property}=${value}; the input says ${wanted}`)
        }
        setValue(store, userId, property, value)
      }
    }
  }
  return store
}

/** The (user → property → value) triples the input asks for, merging repeated rows. */
function triples(rows: readonly PropertyRow[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const { userId, properties } of rows) {
    for (const [property, value] of Object.entries(properties)) {
      setValue(out, userId, property, value)
    }
  }
  return out
}

// Deliberately naive and independent of the planner: group by JSON, count batches.
function naiveCounts(rows: readonly PropertyRow[], batchSize: number) {
  const expected = triples(rows)
  const byRow = new Map<string, number>()
  const byPair = new Map<string, number>()
  for (const props of expected.values()) {
    const rowKey = JSON.stringify([...props].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    byRow.set(rowKey, (byRow.get(rowKey) ?? 0) + 1)
    for (const pair of props) {
      const pairKey = JSON.stringify(pair)
      byPair.set(pairKey, (byPair.get(pairKey) ?? 0) + 1)
    }
  }
  const batches = (counts: Map<string, number>) =>
    [...counts.values()].reduce((sum, n) => sum + Math.ceil(n / batchSize), 0)
  return { byRow: batches(byRow), byPair: batches(byPair) }
}

/** Every way to split `items` into groups, written out (Bell(5) = 52 for five columns). */
function partitions<T>(items: readonly T[]): T[][][] {
  const [first, ...rest] = items
  if (first === undefined) return [[]]
  return partitions(rest).flatMap((partition) => [
    [[first], ...partition],
    ...partition.map((_, at) =>
      partition.map((group, index) => (index === at ? [first, ...group] : group)),
    ),
  ])
}

// Independent of the planner: per group, one request per distinct combination of a user's
// values in it (users with none skipped), batched; the fewest requests over every partition.
function bestPartition(rows: readonly PropertyRow[], batchSize: number) {
  const expected = triples(rows)
  const columns = [...new Set([...expected.values()].flatMap((props) => [...props.keys()]))]
  let best = Number.POSITIVE_INFINITY
  for (const partition of partitions(columns)) {
    let requests = 0
    for (const group of partition) {
      const users = new Map<string, number>()
      for (const props of expected.values()) {
        const combination = group.filter((c) => props.has(c)).map((c) => [c, props.get(c)])
        if (combination.length === 0) continue
        const key = JSON.stringify(combination)
        users.set(key, (users.get(key) ?? 0) + 1)
      }
      for (const count of users.values()) requests += Math.ceil(count / batchSize)
    }
    best = Math.min(best, requests)
  }
  return best
}

describe('planRequests: hand examples', () => {
  it('sends users with identical rows in one request', () => {
    const plan = planned(
      planRequests([
        row('1', { tier: 'Gold', city: 'Leeds' }),
        row('2', { city: 'Leeds', tier: 'Gold' }),
        row('3', { tier: 'Silver', city: 'Leeds' }),
      ]),
    )
    expect(plan).toMatchObject({ strategy: 'by-row', groups: [['tier', 'city']], search: 'exact' })
    expect(plan.requests).toEqual([
      { userIds: ['1', '2'], userProperties: { tier: 'Gold', city: 'Leeds' } },
      { userIds: ['3'], userProperties: { tier: 'Silver', city: 'Leeds' } },
    ])
  })

  it('switches to one request per value when every row is different', () => {
    // 9 users, every combination of two three-valued columns: 9 distinct rows but only 6 pairs.
    const rows: PropertyRow[] = []
    for (let i = 0; i < 9; i += 1) {
      rows.push(row(`u${i}`, { tier: `t${i % 3}`, city: `c${Math.floor(i / 3)}` }))
    }
    const plan = planned(planRequests(rows))
    expect(plan.strategy).toBe('by-pair')
    expect(plan.groups).toEqual([['tier'], ['city']])
    expect(plan.requests).toEqual([
      { userIds: ['u0', 'u3', 'u6'], userProperties: { tier: 't0' } },
      { userIds: ['u1', 'u4', 'u7'], userProperties: { tier: 't1' } },
      { userIds: ['u2', 'u5', 'u8'], userProperties: { tier: 't2' } },
      { userIds: ['u0', 'u1', 'u2'], userProperties: { city: 'c0' } },
      { userIds: ['u3', 'u4', 'u5'], userProperties: { city: 'c1' } },
      { userIds: ['u6', 'u7', 'u8'], userProperties: { city: 'c2' } },
    ])
  })

  it('sends properties that vary together in one request, beating both whole rows and pairs', () => {
    // 16 users, every combination of tier × kit × seat, batches of 4. Whole rows: 16 requests of
    // one user. One property at a time: tier 2 + kit 2 + seat 4 = 8 values of 8 or 4 users, so
    // 4 + 4 + 4 = 12 requests. Tier with kit: 4 combinations of 4 users, then seat: 8 requests.
    const seats = ['A', 'B', 'C', 'D']
    const rows = Array.from({ length: 16 }, (_, i) =>
      row(`u${i}`, {
        tier: i % 2 === 0 ? 'Gold' : 'Silver',
        kit: i % 4 < 2 ? 'home' : 'away',
        seat: seats[Math.floor(i / 4)] as string,
      }),
    )
    const plan = planned(planRequests(rows, { batchSize: 4 }))
    expect(plan).toMatchObject({ strategy: 'by-column-group', groups: [['tier', 'kit'], ['seat']] })
    expect(plan.requests).toEqual([
      { userIds: ['u0', 'u4', 'u8', 'u12'], userProperties: { tier: 'Gold', kit: 'home' } },
      { userIds: ['u1', 'u5', 'u9', 'u13'], userProperties: { tier: 'Silver', kit: 'home' } },
      { userIds: ['u2', 'u6', 'u10', 'u14'], userProperties: { tier: 'Gold', kit: 'away' } },
      { userIds: ['u3', 'u7', 'u11', 'u15'], userProperties: { tier: 'Silver', kit: 'away' } },
      { userIds: ['u0', 'u1', 'u2', 'u3'], userProperties: { seat: 'A' } },
      { userIds: ['u4', 'u5', 'u6', 'u7'], userProperties: { seat: 'B' } },
      { userIds: ['u8', 'u9', 'u10', 'u11'], userProperties: { seat: 'C' } },
      { userIds: ['u12', 'u13', 'u14', 'u15'], userProperties: { seat: 'D' } },
    ])
  })

  it('on a tie in requests, lists each user fewer times', () => {
    // 8 users, every combination of 3 two-valued columns: pairs and "tier with city, then kit"
    // both take 6 requests, but the grouping lists each user twice instead of three times.
    const rows = Array.from({ length: 8 }, (_, i) =>
      row(`u${i}`, {
        tier: i & 1 ? 'Gold' : 'Silver',
        city: i & 2 ? 'Leeds' : 'York',
        kit: i & 4 ? 'home' : 'away',
      }),
    )
    const plan = planned(planRequests(rows))
    expect(plan.requests).toHaveLength(6)
    expect(plan.requests.reduce((sum, request) => sum + request.userIds.length, 0)).toBe(16)
    expect(plan.groups.map((group) => group.length).sort()).toEqual([1, 2])
  })

  it('merges columns step by step on a table too wide to try every grouping', () => {
    // 12 columns in 6 pairs that always agree (p0 = p1, p2 = p3, …), all 64 combinations of the
    // 6 pairs: 64 whole rows, 24 values one at a time, 12 requests with each pair together.
    const rows = Array.from({ length: 64 }, (_, i) =>
      row(
        `u${i}`,
        Object.fromEntries(
          Array.from({ length: 12 }, (_, c) => [`p${c}`, (i >> (c >> 1)) & 1 ? 'yes' : 'no']),
        ),
      ),
    )
    const plan = planned(planRequests(rows))
    expect(plan.search).toBe('greedy')
    expect(plan.groups).toEqual(Array.from({ length: 6 }, (_, k) => [`p${2 * k}`, `p${2 * k + 1}`]))
    expect(plan.requests).toHaveLength(12)
    expect(plan.requests[0]).toEqual({
      userIds: Array.from({ length: 32 }, (_, k) => `u${2 * k}`),
      userProperties: { p0: 'no', p1: 'no' },
    })
    expect(applyInOrder(plan.requests, triples(rows))).toEqual(triples(rows))
  })

  it('prefers whole rows on a tie, since each user is then listed once', () => {
    // Every combination of two two-valued columns: 4 distinct rows and 4 distinct pairs.
    const plan = planned(
      planRequests([
        row('1', { tier: 'Gold', city: 'Leeds' }),
        row('2', { tier: 'Gold', city: 'York' }),
        row('3', { tier: 'Silver', city: 'Leeds' }),
        row('4', { tier: 'Silver', city: 'York' }),
      ]),
    )
    expect(plan.strategy).toBe('by-row')
    expect(plan.requests.map((r) => r.userIds)).toEqual([['1'], ['2'], ['3'], ['4']])
  })

  it('splits a large group into batches of at most batchSize, in input order', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(`id${i}`, { tier: 'Gold' }))
    const plan = planned(planRequests(rows))
    expect(plan.requests.map((r) => r.userIds.length)).toEqual([1000, 1000, 500])
    expect(plan.requests[2]?.userIds[0]).toBe('id2000')
    expect(planned(planRequests(rows, { batchSize: 2500 })).requests).toHaveLength(1)
  })

  it('leaves empty cells alone and sends nothing for a user with no values', () => {
    const plan = planned(
      planRequests([row('1', { tier: 'Gold' }), row('2', {}), row('3', { city: 'Leeds' })]),
    )
    expect(plan.requests).toEqual([
      { userIds: ['1'], userProperties: { tier: 'Gold' } },
      { userIds: ['3'], userProperties: { city: 'Leeds' } },
    ])
    expect(planned(planRequests([row('1', {})])).requests).toEqual([])
    expect(planned(planRequests([])).requests).toEqual([])
  })

  it('merges a user who appears twice with agreeing values', () => {
    const plan = planned(
      planRequests([
        row('1', { tier: 'Gold' }),
        row('2', { tier: 'Gold', city: 'Leeds' }),
        row('1', { tier: 'Gold', city: 'Leeds' }),
        row('1', { city: 'Leeds' }),
      ]),
    )
    expect(plan.requests).toEqual([
      { userIds: ['1', '2'], userProperties: { tier: 'Gold', city: 'Leeds' } },
    ])
  })

  it('reports a user whose rows disagree instead of picking one', () => {
    const result = planRequests([
      row('7', { tier: 'Gold', city: 'Leeds' }),
      row('8', { tier: 'Gold' }),
      row('7', { tier: 'Silver', city: 'Leeds' }),
      row('7', { tier: 'Bronze' }),
      row('7', { tier: 'Silver' }),
    ])
    expect(result).toEqual({
      ok: false,
      conflicts: [{ userId: '7', property: 'tier', values: ['Gold', 'Silver', 'Bronze'] }],
    })
  })

  it('does not mutate the rows it is given', () => {
    const rows = [row('1', { tier: 'Gold' }), row('1', { city: 'Leeds' })]
    const before = JSON.stringify(rows)
    planRequests(rows)
    expect(JSON.stringify(rows)).toBe(before)
  })

  it('treats property names like "constructor" and "__proto__" as plain names', () => {
    const odd = Object.fromEntries([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]) as Record<string, string>
    const plan = planned(planRequests([row('1', odd), row('2', { constructor: 'y' })]))
    const body = JSON.stringify(plan.requests)
    expect(JSON.parse(body)).toEqual([
      { userIds: ['1'], userProperties: JSON.parse('{"__proto__":"x","constructor":"y"}') },
      { userIds: ['2'], userProperties: { constructor: 'y' } },
    ])
  })

  it('rejects a batch size that is not a positive whole number', () => {
    for (const batchSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => planRequests([row('1', { tier: 'Gold' })], { batchSize })).toThrow(RangeError)
    }
  })
})

const PROPERTY_NAMES = ['tier', 'city', 'kit', 'constructor', '__proto__', 'seat_block']

// A table of distinct users; some users are split over two rows that agree where they overlap.
const tableArbitrary = fc
  .record({
    userIds: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 60 }),
    columns: fc.uniqueArray(fc.constantFrom(...PROPERTY_NAMES), { minLength: 1, maxLength: 5 }),
    alphabet: fc.integer({ min: 1, max: 4 }),
    batchSize: fc.integer({ min: 1, max: 50 }),
    seed: fc.array(fc.nat({ max: 99 }), { minLength: 1, maxLength: 400 }),
  })
  .map(({ userIds, columns, alphabet, batchSize, seed }) => {
    let cursor = 0
    const next = () => seed[cursor++ % seed.length] as number
    const first: PropertyRow[] = []
    const second: PropertyRow[] = []
    for (const userId of userIds) {
      const a: [string, string][] = []
      const b: [string, string][] = []
      for (const column of columns) {
        const roll = next()
        if (roll < 25) continue // empty cell
        const value = `v${roll % alphabet}`
        // Mostly in the first row; sometimes only in a repeat, sometimes in both.
        if (roll % 5 !== 0) a.push([column, value])
        if (roll % 5 === 0 || roll % 7 === 0) b.push([column, value])
      }
      first.push(row(userId, Object.fromEntries(a)))
      if (b.length > 0) second.push(row(userId, Object.fromEntries(b)))
    }
    return { rows: [...first, ...second], batchSize }
  })

describe('planRequests: properties over random tables', () => {
  it('is exact, batched, and never worse than any grouping of the columns', () => {
    fc.assert(
      fc.property(tableArbitrary, ({ rows, batchSize }) => {
        const plan = planned(planRequests(rows, { batchSize }))
        const expected = triples(rows)

        // (a) replaying the requests gives exactly the input's triples, no wrong write on the way
        const store = applyInOrder(plan.requests, expected)
        expect(store).toEqual(expected)

        // (b) and (d) every request is a real batch of distinct users with something to set
        for (const request of plan.requests) {
          expect(request.userIds.length).toBeGreaterThanOrEqual(1)
          expect(request.userIds.length).toBeLessThanOrEqual(batchSize)
          expect(new Set(request.userIds).size).toBe(request.userIds.length)
          expect(Object.keys(request.userProperties).length).toBeGreaterThan(0)
        }

        // (c) never more requests than by-row, by-pair or any other grouping of the columns,
        // each computed independently
        const naive = naiveCounts(rows, batchSize)
        expect(plan.requests.length).toBeLessThanOrEqual(Math.min(naive.byRow, naive.byPair))
        expect(plan.search).toBe('exact')
        expect(plan.requests.length).toBe(bestPartition(rows, batchSize))
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same plan for the same table', () => {
    fc.assert(
      fc.property(tableArbitrary, ({ rows, batchSize }) => {
        expect(planRequests(rows, { batchSize })).toEqual(planRequests(rows, { batchSize }))
      }),
      { numRuns: 50 },
    )
  })

  it('reports a disagreeing repeat as a conflict naming the user, property and both values', () => {
    fc.assert(
      fc.property(tableArbitrary, fc.nat(), ({ rows, batchSize }, pick) => {
        const withValue = rows.filter((r) => Object.keys(r.properties).length > 0)
        fc.pre(withValue.length > 0)
        const victim = withValue[pick % withValue.length] as PropertyRow
        const [property, value] = Object.entries(victim.properties)[0] as [string, string]
        const clash = row(victim.userId, Object.fromEntries([[property, `${value}!`]]))
        expect(planRequests([...rows, clash], { batchSize })).toEqual({
          ok: false,
          conflicts: [{ userId: victim.userId, property, values: [value, `${value}!`] }],
        })
      }),
      { numRuns: 200 },
    )
  })
  it('keeps rows apart on a wide table even when their value ids read alike', () => {
    // Fillers give 20 columns 14 values each (15^20 possible rows, past 2^53), numbered v0…v13
    // in order. Then [v1, v12] and [v11, v2] must stay different rows, however ids are written.
    const fillers = Array.from({ length: 14 }, (_, v) =>
      row(
        `filler${v}`,
        Object.fromEntries(Array.from({ length: 20 }, (_, c) => [`p${c}`, `v${v}`])),
      ),
    )
    const rows = [...fillers, row('a', { p0: 'v1', p1: 'v12' }), row('b', { p0: 'v11', p1: 'v2' })]
    const plan = planned(planRequests(rows))
    expect(plan.strategy).toBe('by-row')
    expect(applyInOrder(plan.requests, triples(rows))).toEqual(triples(rows))
  })

  it('stays exact on wide tables whose row keys no longer fit in one number', () => {
    // 20 columns of 15 possible cells each: 15^20 row keys, past 2^53, so rows are keyed by text.
    const wideArbitrary = fc.record({
      cells: fc.array(
        fc.array(fc.integer({ min: -1, max: 13 }), { minLength: 20, maxLength: 20 }),
        {
          minLength: 1,
          maxLength: 80,
        },
      ),
      batchSize: fc.integer({ min: 1, max: 10 }),
    })
    fc.assert(
      fc.property(wideArbitrary, ({ cells, batchSize }) => {
        const rows = cells.map((values, i) =>
          row(
            `u${i % 60}`,
            Object.fromEntries(
              values.flatMap((v, c) => (v < 0 ? [] : [[`p${c}`, `${v}`] as const])),
            ),
          ),
        )
        const result = planRequests(rows, { batchSize })
        fc.pre(result.ok)
        const plan = planned(result)
        expect(applyInOrder(plan.requests, triples(rows))).toEqual(triples(rows))
        const naive = naiveCounts(rows, batchSize)
        expect(plan.requests.length).toBeLessThanOrEqual(Math.min(naive.byRow, naive.byPair))
      }),
      { numRuns: 100 },
    )
  })
})
