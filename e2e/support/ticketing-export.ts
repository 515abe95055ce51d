import { createTableCsv, type CsvFile } from './builders'

/** One row of a ticketing export: one ticket (a fan with two tickets has two rows). */
export interface TicketRow {
  accountId: string
  planType: string
  section: string
  renewalStatus: string
  seats: number
  lastPurchase: string
}

/** A ticketing system's morning export, one row per ticket, as the marketer downloads it. */
export function ticketingExportCsv(name: string, rows: readonly TicketRow[]): CsvFile {
  return createTableCsv({
    name,
    lineEnding: '\r\n',
    header: ['Account ID', 'Plan Type', 'Section', 'Renewal Status', 'Seats', 'Last Purchase'],
    rows: rows.map((row) => [
      row.accountId,
      row.planType,
      row.section,
      row.renewalStatus,
      String(row.seats),
      row.lastPurchase,
    ]),
  })
}

/**
 * A small season's export: fan 10001 holds two Full Season tickets, and 10004's plan was typed
 * "Full Season " with a trailing space.
 */
export function seasonTicketsCsv(): CsvFile {
  const row = (
    accountId: string,
    planType: string,
    renewalStatus: string,
    seats: number,
    lastPurchase: string,
  ): TicketRow => ({
    accountId,
    planType,
    section: '1' + accountId.slice(-2),
    renewalStatus,
    seats,
    lastPurchase,
  })
  return ticketingExportCsv('tickets-monday.csv', [
    row('10001', 'Full Season', 'Renewed', 2, '2026-11-02'),
    row('10002', 'Full Season', 'Lapsed', 4, '2026-03-14'),
    row('10003', 'Half Season', 'Renewed', 1, '2026-10-20'),
    row('10001', 'Full Season', 'Renewed', 1, '2026-11-02'),
    row('10004', 'Full Season ', 'Renewed', 2, '2026-09-30'),
    row('10005', 'Flex Plan', 'Renewed', 6, '2026-08-01'),
    row('10006', 'Full Season', 'Renewed', 3, '2026-10-11'),
    row('10007', 'Full Season', 'Pending', 2, '2026-07-07'),
    row('10008', 'Mini Plan', 'Renewed', 1, '2026-06-18'),
    row('10009', 'Full Season', 'Renewed', 2, '2026-11-28'),
  ])
}

/** A ticket row with the details a story does not look at filled in. */
function ticket(accountId: string, planType: string, renewalStatus: string): TicketRow {
  return {
    accountId,
    planType,
    section: '2' + accountId.slice(-2),
    renewalStatus,
    seats: 2,
    lastPurchase: '2026-12-01',
  }
}

/**
 * Next Monday's export of the same system: 10006 lapsed, 10010 renewed a Full Season, and the
 * other rows are new.
 */
export function nextWeekTicketsCsv(): CsvFile {
  return ticketingExportCsv('tickets-next-monday.csv', [
    ticket('10001', 'Full Season', 'Renewed'),
    ticket('10006', 'Full Season', 'Lapsed'),
    ticket('10009', 'Full Season', 'Renewed'),
    ticket('10010', 'Full Season', 'Renewed'),
    ticket('10011', 'Half Season', 'Renewed'),
    ticket('10012', 'Full Season', 'Pending'),
  ])
}

/** An export whose Last Purchase the ticketing system writes day/month: [account, purchase] rows. */
function dayMonthTicketsCsv(name: string, purchases: readonly [string, string][]): CsvFile {
  return ticketingExportCsv(
    name,
    purchases.map(([accountId, lastPurchase]) => ({
      ...ticket(accountId, 'Full Season', 'Renewed'),
      lastPurchase,
    })),
  )
}

/**
 * Next Monday's export after the ticketing system began writing Last Purchase day/month, every
 * day and month 12 or under: read day first, 10001, 10003 and 10010 bought after October 1st;
 * read month first, only 10002 did (the 3rd of December).
 */
export function nextWeekDayMonthTicketsCsv(): CsvFile {
  return dayMonthTicketsCsv('tickets-day-month.csv', [
    ['10001', '02/11/2026'],
    ['10002', '12/03/2026'],
    ['10003', '05/10/2026'],
    ['10010', '01/12/2026'],
    ['10011', '09/08/2026'],
  ])
}

/**
 * The week after nextWeekDayMonthTicketsCsv(), written the same way, every day and month still 12
 * or under: read day first, 10001, 10010, 10012 and 10013 bought after October 1st; read month
 * first, 10002 and 10012 did.
 */
export function weekAfterDayMonthTicketsCsv(): CsvFile {
  return dayMonthTicketsCsv('tickets-day-month-after.csv', [
    ['10001', '03/11/2026'],
    ['10002', '12/09/2026'],
    ['10010', '01/12/2026'],
    ['10012', '11/10/2026'],
    ['10013', '09/11/2026'],
  ])
}

/** An export whose system stopped writing the Renewal Status column. */
export function ticketsWithoutRenewalStatusCsv(): CsvFile {
  return createTableCsv({
    name: 'tickets-broken.csv',
    header: ['Account ID', 'Plan Type', 'Section', 'Seats'],
    rows: [
      ['10001', 'Full Season', '101', '2'],
      ['10013', 'Full Season', '113', '1'],
    ],
  })
}

/**
 * An export of four plan types, one row per ticket (fan 10001 holds two Full Season tickets), and
 * the fans who opted out of messages, some of them in each of three plans.
 */
export function planTypesTicketsCsv(): CsvFile {
  const row = (accountId: string, planType: string) => ticket(accountId, planType, 'Renewed')
  return ticketingExportCsv('tickets-by-plan.csv', [
    row('10001', 'Full Season'),
    row('10002', 'Full Season'),
    row('10003', 'Half Season'),
    row('10001', 'Full Season'),
    row('10004', 'Full Season'),
    row('10005', 'Flex Plan'),
    row('10006', 'Full Season'),
    row('10007', 'Half Season'),
    row('10008', 'Mini Plan'),
    row('10009', 'Flex Plan'),
    row('10010', 'Mini Plan'),
    row('10011', 'Half Season'),
  ])
}

/**
 * Next week's export of planTypesTicketsCsv()'s system: 10002 moved from Full Season to Half
 * Season, 10012 took a Flex Plan, 10013 a Mini Plan, and 10010 left.
 */
export function nextWeekPlanTypesCsv(): CsvFile {
  const row = (accountId: string, planType: string) => ticket(accountId, planType, 'Renewed')
  return ticketingExportCsv('tickets-by-plan-next.csv', [
    row('10001', 'Full Season'),
    row('10004', 'Full Season'),
    row('10001', 'Full Season'),
    row('10006', 'Full Season'),
    row('10002', 'Half Season'),
    row('10003', 'Half Season'),
    row('10007', 'Half Season'),
    row('10011', 'Half Season'),
    row('10005', 'Flex Plan'),
    row('10009', 'Flex Plan'),
    row('10012', 'Flex Plan'),
    row('10008', 'Mini Plan'),
    row('10013', 'Mini Plan'),
  ])
}

/** The fans of planTypesTicketsCsv() who opted out: none of them may be in any segment. */
export const optedOutFans = ['10002', '10007', '10010'] as const

/**
 * A season's export with four plans of distinct sizes, one fan per row: Full Season (4 rows),
 * Half Season (3), Flex Plan (2), Mini Plan (1); a split by Plan Type lists them in that order.
 */
export function fourPlansCsv(): { csv: CsvFile; fansByPlan: Record<string, string[]> } {
  const fansByPlan: Record<string, string[]> = {
    'Full Season': ['20001', '20002', '20003', '20004'],
    'Half Season': ['20005', '20006', '20007'],
    'Flex Plan': ['20008', '20009'],
    'Mini Plan': ['20010'],
  }
  const rows = Object.entries(fansByPlan).flatMap(([planType, fans]) =>
    fans.map((accountId) => ticket(accountId, planType, 'Renewed')),
  )
  return { csv: ticketingExportCsv('plans-monday.csv', rows), fansByPlan }
}
