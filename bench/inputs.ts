import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { PropertyRow } from './plan-bounds.ts'

// Inputs are generated once into bench/tmp (gitignored) and reused while their generator version
// and size match: writing 120 MB on every run would only add noise to the machine.
const GENERATOR_VERSION = 1
const ROWS_PER_WRITE = 65_536

/** A deterministic PRNG (mulberry32), so every run measures the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// The n-th distinct ID: n times an odd multiplier that is not a multiple of 5, modulo 8e9 (which
// is 2^12 · 5^9), is a bijection, so IDs never repeat by accident yet look unordered. The
// multiplication is split in two so every intermediate stays below 2^53.
const ID_MODULUS = 8_000_000_000
const MULTIPLIER_HIGH = 40_503
const MULTIPLIER_LOW = 31_153 // 40_503 · 65_536 + 31_153 = 2_654_435_761

/** e.g. distinctId(0) → "1000000000"; every n below 8e9 gives a different 10-digit ID. */
export function distinctId(n: number): string {
  const high = ((n * MULTIPLIER_HIGH) % ID_MODULUS) * 65_536
  return String(1_000_000_000 + ((high + n * MULTIPLIER_LOW) % ID_MODULUS))
}

export interface IdsFile {
  path: string
  name: string
  rows: number
  uniqueIds: number
  bytes: number
}

interface Sidecar {
  version: number
  rows: number
  uniqueIds: number
  bytes: number
}

function readSidecar(path: string): Sidecar | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Sidecar
  } catch {
    return null
  }
}

/** The sidecar of a generated file that is still current (same generator, same size), or null. */
function currentSidecar(filePath: string): Sidecar | null {
  const known = readSidecar(`${filePath}.json`)
  const fresh =
    known !== null &&
    known.version === GENERATOR_VERSION &&
    existsSync(filePath) &&
    statSync(filePath).size === known.bytes
  return fresh ? known : null
}

function writeInChunks(path: string, lines: (index: number) => string, count: number): void {
  const fd = openSync(path, 'w')
  try {
    for (let start = 0; start < count; start += ROWS_PER_WRITE) {
      const end = Math.min(count, start + ROWS_PER_WRITE)
      const parts: string[] = []
      for (let i = start; i < end; i++) parts.push(lines(i))
      writeSync(fd, parts.join(''))
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * A ticketing export of `rows` user IDs: one column with the header "user_id", CRLF line endings,
 * 10-digit IDs, and about 5 % of rows repeating an earlier ID (anywhere earlier, as real exports
 * do). Returns where it is and how many distinct IDs it holds.
 */
export function idsFile(dir: string, rows: number): IdsFile {
  const name = `ids-${rows}.csv`
  const path = join(dir, name)
  const sidecarPath = `${path}.json`
  const known = currentSidecar(path)
  if (known !== null) {
    return { path, name, rows, uniqueIds: known.uniqueIds, bytes: known.bytes }
  }
  const next = random(rows)
  let unique = 0
  writeInChunks(
    path,
    (i) => {
      if (i === 0) return 'user_id\r\n'
      if (unique > 0 && next() < 0.05) return `${distinctId(Math.floor(next() * unique))}\r\n`
      return `${distinctId(unique++)}\r\n`
    },
    rows + 1,
  )
  const bytes = statSync(path).size
  const sidecar: Sidecar = { version: GENERATOR_VERSION, rows, uniqueIds: unique, bytes }
  writeFileSync(sidecarPath, JSON.stringify(sidecar))
  return { path, name, rows, uniqueIds: unique, bytes }
}

export interface PropertiesFile {
  path: string
  name: string
  rows: number
  bytes: number
  columns: string[]
}

const TIERS = ['Gold', 'Silver', 'Silver', 'Bronze', 'Bronze', 'Bronze', 'Platinum']
const LONG_TIER = 'Platinum Plus Season Ticket Holder 2025/26'
const TEAMS = [
  'Reds',
  'Blues',
  'Harbour City, North',
  'Old "Saints"',
  'Rovers',
  'Wanderers',
  'United',
  'Athletic',
  'Rangers',
  'Albion',
  'County',
  'Town',
]

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * A season-ticket export of `rows` users and 5 columns: "Account ID" (7 digits, leading zeros),
 * membership_tier (a few values, 2 % longer than FanPass keeps), favourite_team (12 teams, two
 * needing quotes, 8 % empty), seat_section (24 blocks) and newsletter_opt_in (yes, no or empty).
 * Values are drawn independently, as in a real export where the columns say different things.
 */
export function propertiesFile(dir: string, rows: number): PropertiesFile {
  const name = `properties-${rows}.csv`
  const path = join(dir, name)
  const columns = [
    'Account ID',
    'membership_tier',
    'favourite_team',
    'seat_section',
    'newsletter_opt_in',
  ]
  const sidecarPath = `${path}.json`
  const known = currentSidecar(path)
  if (known !== null) {
    return { path, name, rows, bytes: known.bytes, columns }
  }
  const next = random(rows + 7)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T
  writeInChunks(
    path,
    (i) => {
      if (i === 0) return `${columns.join(',')}\r\n`
      const id = String(i).padStart(7, '0')
      const tier = next() < 0.02 ? LONG_TIER : pick(TIERS)
      const team = next() < 0.08 ? '' : pick(TEAMS)
      const seat = `Block ${1 + Math.floor(next() * 24)}`
      const newsletter = pick(['yes', 'yes', 'no', ''])
      return `${[id, tier, team, seat, newsletter].map(csvCell).join(',')}\r\n`
    },
    rows + 1,
  )
  const bytes = statSync(path).size
  const sidecar: Sidecar = { version: GENERATOR_VERSION, rows, uniqueIds: rows, bytes }
  writeFileSync(sidecarPath, JSON.stringify(sidecar))
  return { path, name, rows, bytes, columns }
}

/**
 * Property rows made in memory, with more values per column than the CSV (3 to 400) and one
 * cell in ten empty. A plain LCG's low bits repeat with short periods, so 200,000 rows hold
 * about 5,400 distinct ones: a second shape of table for the planner, as cheap to make as to plan.
 */
export function manyValuedRows(count: number): PropertyRow[] {
  let state = 42
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n
  }
  const values = { tier: 4, city: 60, kit: 3, seat_block: 400, fav_player: 30 }
  return Array.from({ length: count }, (_, i) => {
    const properties: Record<string, string> = {}
    for (const [name, size] of Object.entries(values)) {
      if (next(10) > 0) properties[name] = `${name}-${next(size)}`
    }
    return { userId: String(1_000_000_000 + i), properties }
  })
}
