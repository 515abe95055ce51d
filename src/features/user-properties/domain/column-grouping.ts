// Chooses how to group a table's columns into requests. Sending a group of columns takes one
// request per distinct combination of a user's values in it (users with no value in the group
// are skipped), split into batches; the best grouping has the fewest requests in total.

/** Marks an item with no value in a column or group. */
export const EMPTY = -1

/**
 * Items (users, or distinct rows) split by their values in some columns.
 * @example the column tier over users [Gold, -, Gold, Silver]
 * // → { ids: [0, EMPTY, 0, 1], counts: [2, 1], firsts: [0, 3] }
 */
export type Split = {
  /** Combination id per item, EMPTY where the item has no value in these columns. */
  ids: Int32Array
  /** Weight (users) per combination. */
  counts: number[]
  /** First item per combination; ids are numbered in order of their first item. */
  firsts: number[]
}

/**
 * Splits items by a key each (EMPTY: no value), numbering keys in order of their first item.
 * @example splitByKeys([7, EMPTY, 7, 3], [1, 1, 1, 1])
 * // → { ids: [0, EMPTY, 0, 1], counts: [2, 1], firsts: [0, 3] }
 */
export function splitByKeys(keys: ArrayLike<number>, weights: ArrayLike<number>): Split {
  const idOfKey = new Map<number, number>()
  const ids = new Int32Array(keys.length)
  const counts: number[] = []
  const firsts: number[] = []
  for (let item = 0; item < keys.length; item += 1) {
    const key = keys[item] as number
    if (key === EMPTY) {
      ids[item] = EMPTY
      continue
    }
    let id = idOfKey.get(key)
    if (id === undefined) {
      id = counts.length
      idOfKey.set(key, id)
      counts.push(0)
      firsts.push(item)
    }
    ids[item] = id
    counts[id] = (counts[id] as number) + (weights[item] as number)
  }
  return { ids, counts, firsts }
}

/**
 * Splits items by their values in two sets of columns at once; `weights` are the items' users.
 * @example combine(tier [Gold, Gold, Silver], seat [A, B, -], [1, 1, 1])
 * // → { ids: [0, 1, 2], counts: [1, 1, 1], firsts: [0, 1, 2] }
 */
export function combine(a: Split, b: Split, weights: ArrayLike<number>): Split {
  // One number per pair of ids; it stays below (items + 1)², far inside 2^53.
  const radix = b.counts.length + 1
  const keys = new Float64Array(a.ids.length)
  for (let item = 0; item < keys.length; item += 1) {
    const x = a.ids[item] as number
    const y = b.ids[item] as number
    keys[item] = x === EMPTY && y === EMPTY ? EMPTY : (x + 1) * radix + (y + 1)
  }
  return splitByKeys(keys, weights)
}

/** Sending one group, or a whole grouping; compared by requests, then bytes, then groups. */
type Cost = {
  requests: number
  /** User IDs listed over all requests. */
  listings: number
  groups: number
}

function costOf(split: Split, batchSize: number): Cost {
  let requests = 0
  let listings = 0
  for (const count of split.counts) {
    requests += Math.ceil(count / batchSize)
    listings += count
  }
  return { requests, listings, groups: 1 }
}

function plus(a: Cost, b: Cost): Cost {
  return {
    requests: a.requests + b.requests,
    listings: a.listings + b.listings,
    groups: a.groups + b.groups,
  }
}

function cheaper(a: Cost, b: Cost): boolean {
  if (a.requests !== b.requests) return a.requests < b.requests
  if (a.listings !== b.listings) return a.listings < b.listings
  return a.groups < b.groups
}

function columnsOf(mask: number, columns: number): number[] {
  return Array.from({ length: columns }, (_, column) => column).filter((c) => (mask >> c) & 1)
}

/**
 * The cheapest of every grouping: the cost of each set of columns (each set's split made from
 * its parent set's, depth first), then the best partition of every set by dynamic programming.
 */
function searchEveryGrouping(singles: readonly Split[], weights: ArrayLike<number>, batch: number) {
  const n = singles.length
  const costs: Cost[] = []
  const visit = (split: Split, mask: number, next: number) => {
    costs[mask] = costOf(split, batch)
    for (let c = next; c < n; c += 1) {
      visit(combine(split, singles[c] as Split, weights), mask | (1 << c), c + 1)
    }
  }
  singles.forEach((single, c) => visit(single, 1 << c, c + 1))

  // best[mask]: the cheapest partition of the columns in mask, and the group in it that holds
  // mask's lowest column. Trying that group whole first lets whole rows win a tie.
  const best: { cost: Cost; group: number }[] = [
    { cost: { requests: 0, listings: 0, groups: 0 }, group: 0 },
  ]
  for (let mask = 1; mask < 2 ** n; mask += 1) {
    const lowest = mask & -mask
    const others = mask - lowest
    let choice: { cost: Cost; group: number } | undefined
    for (let subset = others; ; subset = (subset - 1) & others) {
      const group = lowest + subset
      const cost = plus(costs[group] as Cost, (best[mask - group] as { cost: Cost }).cost)
      if (choice === undefined || cheaper(cost, choice.cost)) choice = { cost, group }
      if (subset === 0) break
    }
    best[mask] = choice as { cost: Cost; group: number }
  }
  const groups: number[][] = []
  for (let mask = 2 ** n - 1; mask > 0;) {
    const { group } = best[mask] as { group: number }
    groups.push(columnsOf(group, n))
    mask -= group
  }
  return groups
}

/**
 * For tables too wide to try every grouping: from one group per column, keep merging the two
 * groups whose merge saves the most requests (the earlier pair on a tie) while any merge saves.
 */
function mergeGreedily(singles: readonly Split[], weights: ArrayLike<number>, batch: number) {
  type Group = { columns: number[]; split: Split; requests: number }
  const groups: Group[] = singles.map((split, c) => ({
    columns: [c],
    split,
    requests: costOf(split, batch).requests,
  }))
  // Requests of each pair merged, by the pair's columns: a merge only adds new pairs to try.
  const tried = new Map<string, number>()
  const mergedRequests = (a: Group, b: Group) => {
    const key = `${a.columns.join()}|${b.columns.join()}`
    let requests = tried.get(key)
    if (requests === undefined) {
      requests = costOf(combine(a.split, b.split, weights), batch).requests
      tried.set(key, requests)
    }
    return requests
  }
  for (;;) {
    let best: { i: number; j: number; saving: number } | undefined
    for (let i = 0; i < groups.length; i += 1) {
      for (let j = i + 1; j < groups.length; j += 1) {
        const a = groups[i] as Group
        const b = groups[j] as Group
        const saving = a.requests + b.requests - mergedRequests(a, b)
        if (saving > (best?.saving ?? 0)) best = { i, j, saving }
      }
    }
    if (best === undefined) break
    const a = groups[best.i] as Group
    const b = groups[best.j] as Group
    groups[best.i] = {
      columns: [...a.columns, ...b.columns].sort((x, y) => x - y),
      split: combine(a.split, b.split, weights),
      requests: a.requests + b.requests - best.saving,
    }
    groups.splice(best.j, 1)
  }
  // Whole rows list each user once, so they win a tie.
  const requests = groups.reduce((sum, group) => sum + group.requests, 0)
  const all = singles.map((_, c) => c)
  const wholeRows = costOf(splitOf(all, singles, weights), batch).requests
  return wholeRows <= requests ? [all] : groups.map((group) => group.columns)
}

/**
 * The items split by every column of a group.
 * @example splitOf([0, 2], [tier, team, seat], weights) // → combine(tier, seat, weights)
 */
export function splitOf(
  columns: readonly number[],
  singles: readonly Split[],
  weights: ArrayLike<number>,
): Split {
  const [first, ...rest] = columns.map((c) => singles[c] as Split)
  if (first === undefined) throw new RangeError('a group needs at least one column')
  return rest.reduce((split, next) => combine(split, next, weights), first)
}

// Trying every grouping takes one pass over the items per set of columns (2^n), then 3^n steps
// to pick the best partition; above either limit the greedy merge is used instead. 2^23 item
// reads is 5 columns of 200,000 distinct rows, about a second in Node on a 2-core machine.
const EXACT_MAX_COLUMNS = 10
const EXACT_MAX_WORK = 2 ** 23

export type Grouping = {
  /** Column indexes per group, in column order, groups ordered by their first column. */
  groups: number[][]
  search: 'exact' | 'greedy'
}

/**
 * The grouping of the columns that takes the fewest requests; `singles` are the items split by
 * one column each, `weights` the users each item stands for.
 * @example chooseGroups([tier, seat], weights, 1000)
 * // → { groups: [[0, 1]], search: 'exact' } when tier and seat always vary together
 */
export function chooseGroups(
  singles: readonly Split[],
  weights: ArrayLike<number>,
  batchSize: number,
): Grouping {
  const exact =
    singles.length <= EXACT_MAX_COLUMNS && 2 ** singles.length * weights.length <= EXACT_MAX_WORK
  const groups = exact
    ? searchEveryGrouping(singles, weights, batchSize)
    : mergeGreedily(singles, weights, batchSize)
  groups.sort((a, b) => (a[0] as number) - (b[0] as number))
  return { groups, search: exact ? 'exact' : 'greedy' }
}
