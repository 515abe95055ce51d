// Yardsticks for the planner, written apart from it so they can check it: the requests of any
// grouping of the columns, the best grouping by trying every one, and a lower bound no exact
// plan can beat. They take rows of distinct users, as the benchmark's tables are.

export interface PropertyRow {
  userId: string
  properties: Readonly<Record<string, string>>
}

function columnsOf(rows: readonly PropertyRow[]): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row.properties)))]
}

/** Users per combination of values in `columns`; `full` keeps only users with all of them. */
function combinations(rows: readonly PropertyRow[], columns: readonly string[], full = false) {
  const users = new Map<string, number>()
  for (const row of rows) {
    let key = ''
    let filled = 0
    for (const column of columns) {
      if (!Object.hasOwn(row.properties, column)) continue
      const value = row.properties[column] as string
      key += `${column}\u0000${value}\u0001`
      filled += 1
    }
    if (filled > 0 && (!full || filled === columns.length)) {
      users.set(key, (users.get(key) ?? 0) + 1)
    }
  }
  return [...users.values()]
}

function batches(counts: readonly number[], batchSize: number): number {
  return counts.reduce((sum, count) => sum + Math.ceil(count / batchSize), 0)
}

/**
 * Requests to send `groups`: per group, one per combination of values (up to the batch size).
 * @example groupingRequests(rows, [['tier', 'seat'], ['team']], 1000)
 */
export function groupingRequests(
  rows: readonly PropertyRow[],
  groups: readonly (readonly string[])[],
  batchSize: number,
): number {
  return groups.reduce((sum, group) => sum + batches(combinations(rows, group), batchSize), 0)
}

/** Every way to split `items` into groups (Bell(n) of them). */
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

/** The simple plans: every column in one group (by row) and one group per column (by pair). */
export function simplePlans(rows: readonly PropertyRow[], batchSize: number) {
  const columns = columnsOf(rows)
  return {
    byRow: groupingRequests(rows, [columns], batchSize),
    byPair: groupingRequests(
      rows,
      columns.map((column) => [column]),
      batchSize,
    ),
  }
}

/** The fewest requests over every grouping of the columns; the planner's exact search should match it. */
export function bestGrouping(rows: readonly PropertyRow[], batchSize: number) {
  // Each group's requests are counted once: groups recur across partitions.
  const known = new Map<string, number>()
  const requestsOf = (group: readonly string[]) => {
    const key = JSON.stringify(group)
    const requests = known.get(key) ?? groupingRequests(rows, [group], batchSize)
    known.set(key, requests)
    return requests
  }
  let best = { requests: Number.POSITIVE_INFINITY, groups: [] as string[][] }
  for (const groups of partitions(columnsOf(rows))) {
    const requests = groups.reduce((sum, group) => sum + requestsOf(group), 0)
    if (requests < best.requests) best = { requests, groups }
  }
  return best
}

/** Every non-empty subset of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  return Array.from({ length: 2 ** items.length - 1 }, (_, index) =>
    items.filter((_, at) => ((index + 1) >> at) & 1),
  )
}

/**
 * No exact plan, grouped by columns or not, uses fewer requests than this. Each user's value in
 * a column is a cell that some request must write; three arguments count them:
 * - all users with a value need ceil(users / batchSize) requests;
 * - a column needs Σ over its values ceil(users with it / batchSize), one value per request;
 * - cells: a request whose map has the columns S may only list users whose values in S are all
 *   the map's, so at most cap(S) = min(batchSize, most users sharing one full combination of S),
 *   and it writes at most |S ∩ T| × cap(S) cells of a set T. So for every T a plan needs
 *   cells(T) / max over S of |S ∩ T| × cap(S) requests.
 */
export function lowerBound(rows: readonly PropertyRow[], batchSize: number): number {
  const columns = columnsOf(rows)
  const withValue = rows.filter((row) => Object.keys(row.properties).length > 0).length
  let bound = Math.ceil(withValue / batchSize)
  for (const column of columns) {
    bound = Math.max(bound, batches(combinations(rows, [column]), batchSize))
  }
  const sets = subsets(columns)
  const cap = sets.map((set) => Math.min(batchSize, Math.max(0, ...combinations(rows, set, true))))
  const cellsIn = new Map(
    columns.map((column) => [
      column,
      rows.filter((row) => Object.hasOwn(row.properties, column)).length,
    ]),
  )
  for (const t of sets) {
    const cells = t.reduce((sum, column) => sum + (cellsIn.get(column) ?? 0), 0)
    const most = Math.max(
      ...sets.map(
        (s, index) => s.filter((column) => t.includes(column)).length * (cap[index] ?? 0),
      ),
    )
    // Every column has a value somewhere, so most ≥ 1.
    bound = Math.max(bound, Math.ceil(cells / most))
  }
  return bound
}
