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
