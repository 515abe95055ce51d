import { headerSignature } from '../reading-memory'
import type { IdColumnChoice } from './types'

/**
 * Header names that hold user IDs, most specific first, compared after normalizeHeaderName.
 * FanPass segments take ticketing IDs by default (sourceType 0), so those outrank a bare "ID".
 */
export const ID_HEADER_NAMES: readonly string[] = [
  'userid',
  'fanpassid',
  'ticketingid',
  'ticketid',
  'archticsid',
  'ticketmasterid',
  'tmid',
  'accountid',
  'acctid',
  'accountnumber',
  'customerid',
  'custid',
  'memberid',
  'fanid',
  'patronid',
  'contactid',
  'crmid',
  'loyaltyid',
  'subscriberid',
  'pushid',
  'advertisingid',
  'adid',
  'externalid',
  'clientid',
  'id',
]

/**
 * Lower-cases a header and drops everything but letters and digits, and a plural "ids".
 * e.g. "Account ID" → "accountid"; "account_id" → "accountid"; "User IDs" → "userid"
 */
export function normalizeHeaderName(name: string): string {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '')
  return normalized.endsWith('ids') ? normalized.slice(0, -1) : normalized
}

/** e.g. "AccountId" → true; "Email" → false */
export function isIdHeaderName(name: string): boolean {
  return ID_HEADER_NAMES.includes(normalizeHeaderName(name))
}

/**
 * Index of the best-ranked known ID header, or null when no header names an ID.
 * e.g. ["Email", "Account ID", "ID"] → 1; ["Name", "Email"] → null
 */
export function findIdColumn(headers: readonly string[]): number | null {
  const normalized = headers.map(normalizeHeaderName)
  for (const name of ID_HEADER_NAMES) {
    const index = normalized.indexOf(name)
    if (index !== -1) return index
  }
  return null
}

/**
 * Index of the column to read IDs from: the best-ranked known ID header, else the first column.
 * e.g. ["Email", "account_id"] → 1; ["Name", "Email"] → 0
 */
export function chooseIdColumn(headers: readonly string[]): number {
  return findIdColumn(headers) ?? 0
}

export interface IdColumnDecision {
  idColumn: number
  automaticIdColumn: number
  idColumnChoice: IdColumnChoice
  /** No header names an ID and there was a choice to make: the first column is a guess. */
  idColumnGuessed: boolean
}

/**
 * The ID column of a table (CSV or sheet) whose `columns` are known: the one the marketer asked
 * for, else the one remembered for this header row, else the automatic choice.
 * e.g. (["Email", "CRM Ref", "Account ID"], header, remembered {sig → 1}) → 1, 'remembered'
 */
export function decideIdColumn(
  columns: readonly string[],
  hasHeader: boolean,
  requested: number | undefined,
  rememberedIdColumns: ReadonlyMap<string, number> | undefined,
): IdColumnDecision {
  const byName = hasHeader ? findIdColumn(columns) : null
  const automaticIdColumn = byName ?? 0
  const remembered = hasHeader ? rememberedIdColumns?.get(headerSignature(columns)) : undefined
  const recalled =
    requested === undefined &&
    remembered !== undefined &&
    remembered !== automaticIdColumn &&
    Number.isInteger(remembered) &&
    remembered >= 0 &&
    remembered < columns.length
  const idColumnChoice: IdColumnChoice =
    requested !== undefined ? 'chosen' : recalled ? 'remembered' : 'automatic'
  return {
    idColumn: requested ?? (recalled ? remembered : automaticIdColumn),
    automaticIdColumn,
    idColumnChoice,
    idColumnGuessed: idColumnChoice === 'automatic' && byName === null && columns.length > 1,
  }
}
