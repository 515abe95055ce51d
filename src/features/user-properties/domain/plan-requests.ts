// Plans the `update_user` calls for a table of users and their property values. One request
// applies one `userProperties` map to every listed user, so the work is to group users who can
// share a map without anyone receiving a value that is not theirs, even for a moment.
//
// The plans considered split the columns into groups: per group, one request per distinct
// combination of a user's non-empty values in it (up to the batch size). One group of every
// column is "by row", one group per column is "by pair"; a file whose columns vary independently
// is usually cheapest somewhere in between (tier and seat together, team and newsletter together).

/** One row of the marketer's table; an empty cell is absent (it means "leave as is"). */
export type PropertyRow = {
  userId: string
  properties: Readonly<Record<string, string>>
}

export type UpdateUserRequest = {
  userIds: string[]
  userProperties: Record<string, string>
}

/** One group of every column, one group per column, or anything in between. */
export type PlanStrategy = 'by-row' | 'by-pair' | 'by-column-group'

export type Plan = {
  requests: UpdateUserRequest[]
  strategy: PlanStrategy
  /** The properties sent together, groups and names in column order: [['tier', 'seat'], ['team']]. */
  groups: string[][]
  /** 'exact': the best of every way to group the columns; 'greedy': found by merging (wide tables). */
  search: 'exact' | 'greedy'
  /** No exact plan, grouped by columns or not, can use fewer requests than this. */
  lowerBound: number
  /** Requests with every column in one group, for the report. */
  byRowCount: number
  /** Requests with one group per column, for the report. */
  byPairCount: number
}

/** The same user has two different values for one property in the input. */
export type PropertyConflict = {
  userId: string
  property: string
  /** Distinct values, in the order they appear in the input. */
  values: string[]
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; conflicts: PropertyConflict[] }

export type PlanOptions = {
  /** Most user IDs in one request. */
  batchSize?: number
}

/** The batch size the console uses unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 1000

// Values are interned per column as small integers, and each column keeps one value id per user
// (-1 = empty cell), so comparing rows and counting pairs is integer work, not string work.
type Column = {
  name: string
  valueIds: Map<string, number>
  values: string[]
  /** Users per value id. */
  counts: number[]
  /** Value id per user index, -1 when the user has no value; grown as users arrive. */
  ids: Int32Array
}

const EMPTY = -1

function batchCount(users: number, batchSize: number): number {
  return Math.ceil(users / batchSize)
}

function grow(ids: Int32Array, capacity: number): Int32Array {
  const bigger = new Int32Array(capacity).fill(EMPTY)
  bigger.set(ids)
  return bigger
}

function pushBatches(
  out: UpdateUserRequest[],
  userIds: readonly string[],
  userProperties: Record<string, string>,
  batchSize: number,
): void {
  for (let start = 0; start < userIds.length; start += batchSize) {
    // Each request gets its own map: callers may serialise or edit one without touching others.
    out.push({
      userIds: userIds.slice(start, start + batchSize),
      userProperties: { ...userProperties },
    })
  }
}

// Grouping search. A pattern is one distinct row (a user's values in every column) with the
// number of users who have it; a "projection" splits the patterns by their values in a set of
// columns, and its cost is what sending that set as one group takes. In the exact search, sets
// are bitmasks over column indexes.

// Above either limit the search merges groups greedily instead of trying every grouping. The
// exact search reads every pattern once per subset of columns (2^n passes), then does 3^n steps
// of dynamic programming and 4^n for the cells bound: at 10 columns that is milliseconds on a few
// thousand patterns, and 2^23 pattern reads (5 columns of 200,000 distinct rows) took about half
// a second in Node on a 2-core machine, as long as reading them in the first place.
const EXACT_MAX_COLUMNS = 10
const EXACT_MAX_WORK = 2 ** 23

type Projection = {
  /** Combination id per pattern, EMPTY where every cell of the set is empty. */
  ids: Int32Array
  combos: number
  /** 1 for a combination with no empty cell. */
  full: Uint8Array
}

type GroupCost = {
  requests: number
  /** User IDs listed over the group's requests: users with at least one value in it. */
  listings: number
  /** Most users sharing one combination with no empty cell: one request's reach for the set. */
  largestFull: number
}

type Measured = { projection: Projection; cost: GroupCost }

/** Per-pattern user counts, the batch size and scratch space shared by every projection. */
class Context {
  readonly counts: Float64Array
  readonly full: Uint8Array
  /** An open-addressing table from (a's combination, b's combination) to a combined id. */
  readonly table: Int32Array
  readonly pairA: Int32Array
  readonly pairB: Int32Array
  readonly slotOf: Int32Array
  constructor(
    readonly weights: Int32Array,
    readonly batchSize: number,
  ) {
    // Combinations never outnumber patterns, so pattern-sized arrays always suffice, and a
    // table at least twice that size keeps probes short.
    const patterns = weights.length
    this.counts = new Float64Array(patterns)
    this.full = new Uint8Array(patterns)
    this.table = new Int32Array(2 ** Math.ceil(Math.log2(2 * patterns + 2))).fill(EMPTY)
    this.pairA = new Int32Array(patterns)
    this.pairB = new Int32Array(patterns)
    this.slotOf = new Int32Array(patterns)
  }
}

function singleColumn(column: Column, patternFirstUser: readonly number[], batchSize: number) {
  const ids = Int32Array.from(patternFirstUser, (user) => column.ids[user] as number)
  let requests = 0
  let listings = 0
  let largestFull = 0
  for (const count of column.counts) {
    requests += batchCount(count, batchSize)
    listings += count
    largestFull = Math.max(largestFull, count)
  }
  const projection = {
    ids,
    combos: column.values.length,
    full: new Uint8Array(column.values.length).fill(1),
  }
  return { projection, cost: { requests, listings, largestFull } }
}

/**
 * The projection of two disjoint sets together, or null as soon as it has more than `maxCombos`
 * combinations (each costs at least one request, so the caller knows it is not worth it).
 */
function combine(
  a: Projection,
  b: Projection,
  context: Context,
  maxCombos = Infinity,
): Measured | null {
  const { weights, batchSize, counts, full, table, pairA, pairB, slotOf } = context
  // A typed-array hash table rather than a Map: on 200,000 distinct patterns it is several
  // times faster, and the pair never needs to be packed into one number.
  const mask = table.length - 1
  const ids = new Int32Array(weights.length)
  let combos = 0
  let aborted = false
  for (let pattern = 0; pattern < weights.length; pattern += 1) {
    const x = a.ids[pattern] as number
    const y = b.ids[pattern] as number
    if (x === EMPTY && y === EMPTY) {
      ids[pattern] = EMPTY
      continue
    }
    const hash = Math.imul(x + 1, 0x9e3779b1) ^ Math.imul(y + 1, 0x85ebca77)
    let slot = (hash ^ (hash >>> 15)) & mask
    let id = table[slot] as number
    while (id !== EMPTY && (pairA[id] !== x || pairB[id] !== y)) {
      slot = (slot + 1) & mask
      id = table[slot] as number
    }
    if (id === EMPTY) {
      if (combos >= maxCombos) {
        aborted = true
        break
      }
      id = combos
      combos += 1
      table[slot] = id
      slotOf[id] = slot
      pairA[id] = x
      pairB[id] = y
      counts[id] = 0
      full[id] = x !== EMPTY && y !== EMPTY && a.full[x] === 1 && b.full[y] === 1 ? 1 : 0
    }
    ids[pattern] = id
    counts[id] = (counts[id] as number) + (weights[pattern] as number)
  }
  for (let id = 0; id < combos; id += 1) table[slotOf[id] as number] = EMPTY
  if (aborted) return null
  let requests = 0
  let listings = 0
  let largestFull = 0
  for (let id = 0; id < combos; id += 1) {
    const count = counts[id] as number
    requests += batchCount(count, batchSize)
    listings += count
    if (full[id] === 1) largestFull = Math.max(largestFull, count)
  }
  return {
    projection: { ids, combos, full: full.slice(0, combos) },
    cost: { requests, listings, largestFull },
  }
}

function projectGroup(
  group: readonly number[],
  singles: readonly Measured[],
  context: Context,
): Projection {
  const [first, ...rest] = group.map((index) => (singles[index] as Measured).projection)
  if (first === undefined) throw new RangeError('a group needs at least one column')
  return rest.reduce(
    (projection, next) => (combine(projection, next, context) as Measured).projection,
    first,
  )
}

/**
 * Tries every grouping of the columns: the cost of each subset (one pass over the patterns per
 * subset, each built from its parent subset), then the best partition by dynamic programming.
 * Ties go to fewer user IDs listed (fewer bytes), then to fewer groups.
 */
function searchEveryGrouping(singles: readonly Measured[], context: Context) {
  const n = singles.length
  const subsets = 2 ** n
  const requests = new Float64Array(subsets)
  const listings = new Float64Array(subsets)
  const largestFull = new Float64Array(subsets)
  const record = (mask: number, cost: GroupCost) => {
    requests[mask] = cost.requests
    listings[mask] = cost.listings
    largestFull[mask] = cost.largestFull
  }
  // Depth first, so only one projection per column count is alive at a time.
  const visit = (parent: Projection, mask: number, next: number) => {
    for (let index = next; index < n; index += 1) {
      const child = combine(parent, (singles[index] as Measured).projection, context) as Measured
      const childMask = mask + 2 ** index
      record(childMask, child.cost)
      visit(child.projection, childMask, index + 1)
    }
  }
  singles.forEach((single, index) => {
    record(2 ** index, single.cost)
    visit(single.projection, 2 ** index, index + 1)
  })

  const bestRequests = new Float64Array(subsets)
  const bestListings = new Float64Array(subsets)
  const bestGroups = new Float64Array(subsets)
  const choice = new Int32Array(subsets)
  for (let mask = 1; mask < subsets; mask += 1) {
    const low = mask & -mask
    const rest = mask - low
    let found = false
    // Every subset holding the lowest column, the whole mask first.
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const group = low + sub
      const remainder = mask - group
      const r = (requests[group] as number) + (bestRequests[remainder] as number)
      const l = (listings[group] as number) + (bestListings[remainder] as number)
      const g = 1 + (bestGroups[remainder] as number)
      const better =
        !found ||
        r < (bestRequests[mask] as number) ||
        (r === bestRequests[mask] &&
          (l < (bestListings[mask] as number) ||
            (l === bestListings[mask] && g < (bestGroups[mask] as number))))
      if (better) {
        found = true
        bestRequests[mask] = r
        bestListings[mask] = l
        bestGroups[mask] = g
        choice[mask] = group
      }
      if (sub === 0) break
    }
  }
  const masks: number[] = []
  for (let mask = subsets - 1; mask > 0; mask -= choice[mask] as number) {
    masks.push(choice[mask] as number)
  }
  masks.sort((a, b) => (a & -a) - (b & -b))
  const groups = masks.map((mask) =>
    singles.flatMap((_, index) => ((mask >> index) & 1 ? [index] : [])),
  )
  return { groups, cellsBound: cellsBound(singles, largestFull, context.batchSize) }
}

/**
 * A lower bound from cells, valid for every exact plan, grouped by columns or not. Take a set T
 * of columns: each non-empty cell of T (a user's value in a column of T) must be written by
 * some request. A request whose map has the columns S may only list users whose values in S are
 * all exactly the map's, so it lists at most cap(S) = min(batchSize, the most users sharing one
 * combination with no empty cell in S) users, and writes at most |S ∩ T| × cap(S) cells of T.
 * So a plan needs at least cells(T) / max over S of |S ∩ T| × cap(S) requests, for every T.
 */
function cellsBound(singles: readonly Measured[], largestFull: Float64Array, batchSize: number) {
  const subsets = largestFull.length
  const columnsIn = new Uint8Array(subsets)
  const cells = new Float64Array(subsets)
  const cap = new Float64Array(subsets)
  for (let mask = 1; mask < subsets; mask += 1) {
    const low = mask & -mask
    columnsIn[mask] = (columnsIn[mask - low] as number) + 1
    cells[mask] =
      (cells[mask - low] as number) + (singles[31 - Math.clz32(low)] as Measured).cost.listings
    cap[mask] = Math.min(batchSize, largestFull[mask] as number)
  }
  let bound = 0
  for (let t = 1; t < subsets; t += 1) {
    let most = 0
    for (let s = 1; s < subsets; s += 1) {
      most = Math.max(most, (columnsIn[s & t] as number) * (cap[s] as number))
    }
    // Every column has a value somewhere, so most ≥ 1 for any t.
    bound = Math.max(bound, Math.ceil((cells[t] as number) / most))
  }
  return bound
}

/**
 * For tables too wide to try every grouping: start from one group per column and keep merging
 * the two groups whose merge saves the most requests, the earlier pair on a tie.
 */
function mergeGreedily(singles: readonly Measured[], context: Context) {
  type Group = { columns: number[]; id: number; measured: Measured }
  let groups: Group[] = singles.map((measured, index) => ({
    columns: [index],
    id: index,
    measured,
  }))
  let nextId = groups.length
  // Requests of a merged pair, or a lower bound when its try was cut short.
  const tried = new Map<string, { requests: number; exact: boolean }>()
  for (;;) {
    let best: { i: number; j: number; merged: Measured | null } | null = null
    let bestSaving = 0
    for (let i = 0; i < groups.length; i += 1) {
      for (let j = i + 1; j < groups.length; j += 1) {
        const a = groups[i] as Group
        const b = groups[j] as Group
        const separate = a.measured.cost.requests + b.measured.cost.requests
        const key = `${a.id},${b.id}`
        const known = tried.get(key)
        if (known !== undefined && separate - known.requests <= bestSaving) continue
        let merged: Measured | null = null
        if (known === undefined || !known.exact) {
          merged = combine(
            a.measured.projection,
            b.measured.projection,
            context,
            separate - bestSaving - 1,
          )
          if (merged === null) {
            tried.set(key, { requests: separate - bestSaving, exact: false })
            continue
          }
          tried.set(key, { requests: merged.cost.requests, exact: true })
        }
        const requests = merged?.cost.requests ?? (known as { requests: number }).requests
        if (separate - requests > bestSaving) {
          bestSaving = separate - requests
          best = { i, j, merged }
        }
      }
    }
    if (best === null) break
    const a = groups[best.i] as Group
    const b = groups[best.j] as Group
    const measured =
      best.merged ?? (combine(a.measured.projection, b.measured.projection, context) as Measured)
    const merged = {
      columns: [...a.columns, ...b.columns].sort((x, y) => x - y),
      id: nextId,
      measured,
    }
    nextId += 1
    groups = groups.flatMap((group, at) =>
      at === best.i ? [merged] : at === best.j ? [] : [group],
    )
  }
  return {
    groups: groups.map((group) => group.columns),
    requests: groups.reduce((sum, group) => sum + group.measured.cost.requests, 0),
  }
}

/**
 * Plans the fewest `update_user` requests it can find, grouping the columns the cheapest way
 * (whole rows, one property at a time, or groups in between), or reports users whose rows disagree.
 * @example planRequests([{ userId: '1', properties: { tier: 'Gold' } }, { userId: '2', properties: { tier: 'Gold' } }])
 * // → ok, 1 request: { userIds: ['1', '2'], userProperties: { tier: 'Gold' } }
 */
export function planRequests(rows: readonly PropertyRow[], options: PlanOptions = {}): PlanResult {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`)
  }

  // Pass 1 over rows: users, columns and values all numbered in order of first appearance, so
  // the output order depends only on the input order.
  const userIndex = new Map<string, number>()
  const userIds: string[] = []
  const columns: Column[] = []
  const columnByName = new Map<string, Column>()
  // user index → column → distinct values seen, only for users whose rows disagree
  const conflicts = new Map<number, Map<Column, number[]>>()
  let capacity = Math.min(Math.max(rows.length, 1), 1024)

  for (const row of rows) {
    let user = userIndex.get(row.userId)
    if (user === undefined) {
      user = userIds.length
      userIndex.set(row.userId, user)
      userIds.push(row.userId)
      if (user >= capacity) {
        capacity = Math.min(capacity * 2, Math.max(rows.length, capacity + 1))
        for (const column of columns) column.ids = grow(column.ids, capacity)
      }
    }
    const props = row.properties
    // for…in with an own-property check: same keys and order as Object.entries, without
    // allocating a pair per cell (about 15 % faster on 200k rows).
    for (const name in props) {
      if (!Object.hasOwn(props, name)) continue
      const value = props[name] as string
      let column = columnByName.get(name)
      if (column === undefined) {
        column = {
          name,
          valueIds: new Map(),
          values: [],
          counts: [],
          ids: new Int32Array(capacity).fill(EMPTY),
        }
        columnByName.set(name, column)
        columns.push(column)
      }
      let id = column.valueIds.get(value)
      if (id === undefined) {
        id = column.values.length
        column.valueIds.set(value, id)
        column.values.push(value)
        column.counts.push(0)
      }
      const kept = column.ids[user] as number
      if (kept === EMPTY) {
        column.ids[user] = id
        column.counts[id] = (column.counts[id] as number) + 1
      } else if (kept !== id) {
        let byColumn = conflicts.get(user)
        if (byColumn === undefined) {
          byColumn = new Map()
          conflicts.set(user, byColumn)
        }
        const seen = byColumn.get(column)
        if (seen === undefined) byColumn.set(column, [kept, id])
        else if (!seen.includes(id)) seen.push(id)
      }
    }
  }

  if (conflicts.size > 0) {
    const list: PropertyConflict[] = []
    for (const [user, byColumn] of conflicts) {
      for (const [column, ids] of byColumn) {
        list.push({
          userId: userIds[user] as string,
          property: column.name,
          values: ids.map((id) => column.values[id] as string),
        })
      }
    }
    return { ok: false, conflicts: list }
  }

  // Pass 2 over users: a user's pattern is their whole row of value ids, read as one mixed-radix
  // number (digit 0 = empty cell), which a Map hashes far faster than a string. When the table
  // has so many distinct values that the number could pass 2^53, fall back to a string of ids.
  // Every later step works on patterns with their user counts: 200,000 users are a few thousand
  // patterns on a typical file.
  const userCount = userIds.length
  let radixProduct = 1
  for (const column of columns) radixProduct *= column.values.length + 1
  const numericKeys = radixProduct <= Number.MAX_SAFE_INTEGER

  const patternByKey = new Map<number | string, number>()
  const patternOfUser = new Int32Array(userCount).fill(EMPTY)
  const patternSizes: number[] = []
  const patternFirstUser: number[] = []
  for (let user = 0; user < userCount; user += 1) {
    let numeric = 0
    let scale = 1
    let text = ''
    let hasValue = false
    for (const column of columns) {
      const id = column.ids[user] as number
      if (id !== EMPTY) hasValue = true
      if (numericKeys) {
        numeric += (id + 1) * scale
        scale *= column.values.length + 1
      } else {
        text += `${id},`
      }
    }
    // A user with every cell empty has nothing to send.
    if (!hasValue) continue
    const key = numericKeys ? numeric : text
    let pattern = patternByKey.get(key)
    if (pattern === undefined) {
      pattern = patternSizes.length
      patternByKey.set(key, pattern)
      patternSizes.push(0)
      patternFirstUser.push(user)
    }
    patternOfUser[user] = pattern
    patternSizes[pattern] = (patternSizes[pattern] as number) + 1
  }

  let usersWithValues = 0
  let byRowCount = 0
  for (const size of patternSizes) {
    usersWithValues += size
    byRowCount += batchCount(size, batchSize)
  }

  // Every user with value v in column c must be in a request carrying c: v, and one request
  // carries one value per column, so column c alone needs Σ_v ceil(users with v / batchSize)
  // requests. That is at least the column's distinct values and at least ceil(its users /
  // batchSize); the all-users term covers tables where no single column reaches everyone.
  let byPairCount = 0
  let lowerBound = batchCount(usersWithValues, batchSize)
  for (const column of columns) {
    let columnCount = 0
    for (const count of column.counts) columnCount += batchCount(count, batchSize)
    byPairCount += columnCount
    lowerBound = Math.max(lowerBound, columnCount)
  }

  const context = new Context(Int32Array.from(patternSizes), batchSize)
  const singles = columns.map((column) => singleColumn(column, patternFirstUser, batchSize))
  const exact =
    columns.length <= EXACT_MAX_COLUMNS &&
    2 ** columns.length * patternSizes.length <= EXACT_MAX_WORK
  let chosen: number[][]
  if (exact) {
    const search = searchEveryGrouping(singles, context)
    chosen = search.groups
    lowerBound = Math.max(lowerBound, search.cellsBound)
  } else {
    const search = mergeGreedily(singles, context)
    // On a tie whole rows win: each user is then listed once, so fewer bytes.
    chosen = byRowCount <= search.requests ? [columns.map((_, index) => index)] : search.groups
  }

  const requests: UpdateUserRequest[] = []
  for (const group of chosen) {
    const groupColumns = group.map((index) => columns[index] as Column)
    const projection = projectGroup(group, singles, context)
    // Combinations are sent in order of their first user, so the output order depends only on
    // the input order.
    const slotOf = new Int32Array(projection.combos).fill(EMPTY)
    const members: string[][] = []
    const firstUsers: number[] = []
    for (let user = 0; user < userCount; user += 1) {
      const pattern = patternOfUser[user] as number
      if (pattern === EMPTY) continue
      const combo = projection.ids[pattern] as number
      if (combo === EMPTY) continue
      let slot = slotOf[combo] as number
      if (slot === EMPTY) {
        slot = members.length
        slotOf[combo] = slot
        members.push([])
        firstUsers.push(user)
      }
      ;(members[slot] as string[]).push(userIds[user] as string)
    }
    firstUsers.forEach((first, slot) => {
      // fromEntries, not assignment, so a "__proto__" key stays a plain data property.
      const userProperties = Object.fromEntries(
        groupColumns
          .filter((column) => column.ids[first] !== EMPTY)
          .map((column) => [column.name, column.values[column.ids[first] as number] as string]),
      )
      pushBatches(requests, members[slot] as string[], userProperties, batchSize)
    })
  }

  const strategy: PlanStrategy =
    chosen.length <= 1
      ? 'by-row'
      : chosen.every((group) => group.length === 1)
        ? 'by-pair'
        : 'by-column-group'
  return {
    ok: true,
    plan: {
      requests,
      strategy,
      groups: chosen.map((group) => group.map((index) => (columns[index] as Column).name)),
      search: exact ? 'exact' : 'greedy',
      lowerBound,
      byRowCount,
      byPairCount,
    },
  }
}
