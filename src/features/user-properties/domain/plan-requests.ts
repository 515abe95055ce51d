import { DEFAULT_BATCH_SIZE } from '../../../lib/property-settings'
// Plans the `update_user` calls for a table of users and their property values. One request
// applies one `userProperties` map to every listed user, so the work is to group users who can
// share a map without anyone receiving a value that is not theirs, even for a moment.
//
// The plans considered split the columns into groups: per group, one request per distinct
// combination of a user's non-empty values in it (up to the batch size). One group of every
// column is "by row", one group per column is "by pair"; a file whose columns vary independently
// is usually cheapest somewhere in between (tier and seat together, team and newsletter together).
import { chooseGroups, EMPTY, splitByKeys, splitOf } from './column-grouping'

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

// Values are numbered per column, so grouping users compares small integers, not strings.
type Column = {
  name: string
  values: string[]
  valueIds: Map<string, number>
  /** Value id per user, EMPTY where the user has no value. */
  ids: Int32Array
}

type Table = {
  /** Users in order of their first row. */
  userIds: string[]
  columns: Column[]
  conflicts: PropertyConflict[]
}

function valueId(column: Column, value: string): number {
  let id = column.valueIds.get(value)
  if (id === undefined) {
    id = column.values.length
    column.valueIds.set(value, id)
    column.values.push(value)
  }
  return id
}

// user → column → the distinct values seen, only for users whose rows disagree
type Clashes = Map<number, Map<Column, string[]>>

function noteClash(clashes: Clashes, user: number, column: Column, value: string): void {
  const byColumn = clashes.get(user) ?? new Map<Column, string[]>()
  clashes.set(user, byColumn)
  const seen = byColumn.get(column) ?? [column.values[column.ids[user] as number] as string]
  byColumn.set(column, seen)
  if (!seen.includes(value)) seen.push(value)
}

function conflictsOf(clashes: Clashes, userIds: readonly string[]): PropertyConflict[] {
  return [...clashes].flatMap(([user, byColumn]) =>
    [...byColumn].map(([column, values]) => ({
      userId: userIds[user] as string,
      property: column.name,
      values,
    })),
  )
}

/** Merges each user's rows, numbering users, columns and values in order of first appearance. */
function readTable(rows: readonly PropertyRow[]): Table {
  const userIndex = new Map<string, number>()
  const userIds: string[] = []
  const columns = new Map<string, Column>()
  const clashes: Clashes = new Map()
  for (const row of rows) {
    let user = userIndex.get(row.userId)
    if (user === undefined) {
      user = userIds.push(row.userId) - 1
      userIndex.set(row.userId, user)
    }
    const props = row.properties
    // for…in with an own-property check: the keys and order of Object.entries, without
    // allocating a pair per cell.
    for (const name in props) {
      if (!Object.hasOwn(props, name)) continue
      let column = columns.get(name)
      if (column === undefined) {
        // Users never outnumber rows, so this never needs to grow.
        const ids = new Int32Array(rows.length).fill(EMPTY)
        column = { name, values: [], valueIds: new Map(), ids }
        columns.set(name, column)
      }
      const value = props[name] as string
      const id = valueId(column, value)
      const kept = column.ids[user] as number
      if (kept === EMPTY) column.ids[user] = id
      else if (kept !== id) noteClash(clashes, user, column, value)
    }
  }
  const byUser = [...columns.values()].map((column) => ({
    ...column,
    ids: column.ids.subarray(0, userIds.length),
  }))
  return { userIds, columns: byUser, conflicts: conflictsOf(clashes, userIds) }
}

function batches(
  userIds: readonly string[],
  userProperties: Record<string, string>,
  batchSize: number,
): UpdateUserRequest[] {
  const requests: UpdateUserRequest[] = []
  for (let start = 0; start < userIds.length; start += batchSize) {
    // Each request gets its own map: callers may serialise or edit one without touching others.
    requests.push({
      userIds: userIds.slice(start, start + batchSize),
      userProperties: { ...userProperties },
    })
  }
  return requests
}

function strategyOf(groups: readonly (readonly number[])[]): PlanStrategy {
  if (groups.length <= 1) return 'by-row'
  return groups.every((group) => group.length === 1) ? 'by-pair' : 'by-column-group'
}

/**
 * The search runs on the table's distinct rows, each weighing its users: 200,000 users are a
 * few thousand distinct rows on a typical file. A user with no value has no row.
 */
function distinctRows(columns: readonly Column[], users: number) {
  const ones = new Int32Array(users).fill(1)
  const byColumn = columns.map((column) => splitByKeys(column.ids, ones))
  const rows = splitOf(
    columns.map((_, c) => c),
    byColumn,
    ones,
  )
  const singles = columns.map((column) =>
    splitByKeys(
      Int32Array.from(rows.firsts, (user) => column.ids[user] as number),
      rows.counts,
    ),
  )
  return { rows, singles }
}

/** One request per combination of the group's values (per batch), in order of first user. */
function requestsFor(
  group: readonly number[],
  table: Table,
  { rows, singles }: ReturnType<typeof distinctRows>,
  batchSize: number,
): UpdateUserRequest[] {
  const { userIds, columns } = table
  const split = splitOf(group, singles, rows.counts)
  const members = split.counts.map((): string[] => [])
  userIds.forEach((userId, user) => {
    const row = rows.ids[user] as number
    const combination = row === EMPTY ? EMPTY : (split.ids[row] as number)
    if (combination !== EMPTY) members[combination]?.push(userId)
  })
  return split.firsts.flatMap((row, combination) => {
    const user = rows.firsts[row] as number
    // fromEntries, not assignment, so a "__proto__" key stays a plain data property.
    const userProperties = Object.fromEntries(
      group.flatMap((c) => {
        const { name, values, ids } = columns[c] as Column
        const id = ids[user] as number
        return id === EMPTY ? [] : [[name, values[id] as string]]
      }),
    )
    return batches(members[combination] as string[], userProperties, batchSize)
  })
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
  const table = readTable(rows)
  if (table.conflicts.length > 0) return { ok: false, conflicts: table.conflicts }
  if (table.columns.length === 0) {
    return { ok: true, plan: { requests: [], strategy: 'by-row', groups: [], search: 'exact' } }
  }
  const distinct = distinctRows(table.columns, table.userIds.length)
  const { groups, search } = chooseGroups(distinct.singles, distinct.rows.counts, batchSize)
  const requests = groups.flatMap((group) => requestsFor(group, table, distinct, batchSize))
  const names = groups.map((group) => group.map((c) => (table.columns[c] as Column).name))
  return { ok: true, plan: { requests, strategy: strategyOf(groups), groups: names, search } }
}
