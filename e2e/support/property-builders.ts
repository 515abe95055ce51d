import { expect, type Page } from '@playwright/test'
import type { CsvFile } from './builders'

/** 42 characters: FanPass keeps the first 36. */
const LONG_TIER = 'Platinum Plus Season Ticket Holder 2025/26'

const TEAMS = ['Reds', 'Blues', 'Harbour City, North', 'Old "Saints"', 'Rovers', 'Wanderers']

/** What GA4 keeps of a value: the first 36 characters, counted as code points. */
export function stored(value: string): string {
  return Array.from(value).slice(0, 36).join('')
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

export interface PropertiesCsv {
  file: CsvFile
  /** user ID → the properties the sandbox should hold for them afterwards. */
  expected: Map<string, Record<string, string>>
  /** Cells FanPass will truncate. */
  truncated: number
}

/**
 * A season-ticket export: "Account ID" (with leading zeros), membership_tier, "Favourite Team"
 * (a header the marketer must rename to favourite_team), seat_section and newsletter_opt_in,
 * with empty cells ("leave as it is") and quoted values. `team` names the property the
 * "Favourite Team" column is expected to land in.
 */
export function createPropertiesCsv(options: {
  rows: number
  name?: string
  team?: string
}): PropertiesCsv {
  const team = options.team ?? 'favourite_team'
  const lines = ['Account ID,membership_tier,Favourite Team,seat_section,newsletter_opt_in']
  const expected = new Map<string, Record<string, string>>()
  let truncated = 0
  for (let i = 0; i < options.rows; i += 1) {
    const id = String(i + 1).padStart(7, '0')
    const tier = i % 50 === 0 ? LONG_TIER : (['Gold', 'Silver', 'Bronze'][i % 3] as string)
    const teamValue = i % 7 === 3 ? '' : (TEAMS[i % TEAMS.length] as string)
    const seat = `Block ${(i % 8) + 1}`
    const newsletter = i % 5 === 4 ? '' : i % 2 === 0 ? 'yes' : 'no'
    if (tier === LONG_TIER) truncated += 1
    lines.push([id, tier, teamValue, seat, newsletter].map(csvCell).join(','))
    const properties: Record<string, string> = { membership_tier: stored(tier), seat_section: seat }
    if (teamValue !== '') properties[team] = teamValue
    if (newsletter !== '') properties.newsletter_opt_in = newsletter
    expected.set(id, properties)
  }
  return {
    file: {
      name: options.name ?? `season-${options.rows}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
    },
    expected,
    truncated,
  }
}

/** Saves the sandbox's registered attributes in Settings, as a marketer trying it out would. */
export async function importSandboxAttributes(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: "Use the sandbox's list" }).click()
  await expect(
    page.getByText('Imported 14 registered attributes from the sandbox and saved them.'),
  ).toBeVisible()
}

/**
 * The users whose stored properties differ from what was expected, from one listing of the
 * sandbox's users: 20,000 look-ups, even 100 at a time, were still running when the 20,000-user
 * story ran out of its two minutes at a load of 23.
 */
export async function usersNotAsExpected(
  baseURL: string,
  expected: ReadonlyMap<string, Record<string, string>>,
): Promise<string[]> {
  const response = await fetch(new URL('/__sandbox/users', baseURL))
  const { users } = (await response.json()) as {
    users: { id: string; properties: Record<string, string> }[]
  }
  const stored = new Map(users.map((user) => [user.id, user.properties]))
  return [...expected].flatMap(([id, properties]) =>
    JSON.stringify(sorted(stored.get(id) ?? null)) === JSON.stringify(sorted(properties))
      ? []
      : [id],
  )
}

function sorted(properties: Record<string, string> | null): [string, string][] | null {
  return properties === null
    ? null
    : Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The number in the page's plan summary, "20,000 rows → 78 requests". */
export async function plannedRequests(page: Page): Promise<number> {
  const text = (await page.getByRole('status', { name: 'Plan' }).textContent()) ?? ''
  const match = /→ ([\d,]+) requests?/.exec(text)
  if (!match?.[1]) throw new Error(`no plan shown: "${text}"`)
  return Number(match[1].replaceAll(',', ''))
}

/** From a connected page: small batches in Settings (so a job has many requests), then the bulk CSV tab. */
export async function prepareBulkUpdate(page: Page, batchSize: number): Promise<void> {
  await importSandboxAttributes(page)
  await page.getByLabel('Users per request').fill(String(batchSize))
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved in this browser.')).toBeVisible()
  await page.getByRole('link', { name: 'User properties' }).click()
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()
}

/**
 * Chooses a season-ticket export on the bulk tab, names its "Favourite Team" column, and returns
 * how many requests the page plans.
 */
export async function choosePropertiesCsv(page: Page, file: CsvFile): Promise<number> {
  await page.getByLabel('Properties CSV').setInputFiles(file)
  await page.getByLabel('Property name for column Favourite Team').fill('favourite_team')
  await expect(
    page.getByRole('table', { name: 'Columns' }).getByRole('row', { name: /Favourite Team/ }),
  ).toContainText('Sent.')
  await expect(page.getByRole('status', { name: 'Plan' })).toBeVisible()
  return plannedRequests(page)
}

/** "12 of 40 requests done" → 12 */
export async function requestsDone(page: Page): Promise<number> {
  const text =
    (await page.getByRole('status').filter({ hasText: 'requests done' }).textContent()) ?? ''
  const match = /([\d,]+) of [\d,]+ requests done/.exec(text)
  return match?.[1] ? Number(match[1].replaceAll(',', '')) : 0
}
