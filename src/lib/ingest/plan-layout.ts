import Papa from 'papaparse'
import { decideIdColumn } from './choose-id-column'
import { isHeaderRow } from './detect-header'
import { IngestError } from './ingest-error'
import { sampleRecords } from './sample-records'
import { sniffDelimiter } from './sniff-delimiter'
import type { Delimiter, IdColumnChoice, SourceKind, SourceLayout } from './types'

/**
 * papaparse needs some delimiter; for a one-column file we give it one no ID file contains, so a
 * stray comma (as in "1,23457E+11") never splits a value.
 */
export const SINGLE_COLUMN_DELIMITER = '\u001F'

export interface LayoutPlan {
  layout: SourceLayout
  delimiter: Delimiter | null
  hasHeader: boolean
  columns: string[]
  idColumn: number
  /** True when the ID column was picked by the fallback (first column), not by its name. */
  idColumnGuessed: boolean
  /** The column the automatic choice (by name, else the first) reads IDs from. */
  automaticIdColumn: number
  /** Who chose `idColumn`: the automatic choice, this browser's memory of the header row, or the marketer now. */
  idColumnChoice: IdColumnChoice
}

export interface PlanLayoutInput {
  /** The first part of the text, line endings already turned into "\n". */
  sample: string
  /** True when the sample is the whole text (its last line is complete). */
  isWholeText: boolean
  kind: SourceKind
  name: string
  idColumn?: number
  /** ID columns chosen for earlier files, by headerSignature of their header row. */
  rememberedIdColumns?: ReadonlyMap<string, number>
}

const SAMPLE_LINES = 50
const LIST_SEPARATORS = /[\n,;\t ]+/
const HEADER_CELL_SEPARATORS = /[,;\t|]/
const INNER_WHITESPACE = /\S\s+\S/
const DIGIT = /\d/

function cleanHeader(cell: string, index: number): string {
  const name = cell.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim()
  return name === '' ? `Column ${index + 1}` : name
}

function parseSampleRows(lines: readonly string[], delimiter: Delimiter | null): string[][] {
  const parser = new Papa.Parser({
    delimiter: delimiter ?? SINGLE_COLUMN_DELIMITER,
    newline: '\n',
    quoteChar: '"',
  })
  const result: { data: string[][] } = parser.parse(lines.join('\n'), 0, false)
  return result.data
}

function listPlan(
  lines: readonly string[],
  name: string,
  idColumn: number | undefined,
): LayoutPlan {
  if (idColumn !== undefined && idColumn !== 0) throw badColumn(name, idColumn, 1)
  const [firstLine = '', ...rest] = lines
  const firstCells = firstLine.split(HEADER_CELL_SEPARATORS).map((cell) => cell.trim())
  const restValues: string[][] = []
  for (const line of rest.slice(0, SAMPLE_LINES)) {
    for (const value of line.split(LIST_SEPARATORS)) if (value !== '') restValues.push([value])
  }
  // Only a complete first line can be a header (a sample cut inside it is one long list of IDs),
  // and only one without digits: "userId,123,456" is IDs after a label, not a header line.
  const hasHeader =
    lines.length > 0 &&
    firstCells.every((cell) => !DIGIT.test(cell)) &&
    isHeaderRow(firstCells, restValues)
  return {
    layout: 'list',
    delimiter: null,
    hasHeader,
    columns: [hasHeader ? cleanHeader(firstLine, 0) : 'Column 1'],
    idColumn: 0,
    idColumnGuessed: false,
    automaticIdColumn: 0,
    idColumnChoice: idColumn === undefined ? 'automatic' : 'chosen',
  }
}

function badColumn(name: string, idColumn: number, columnCount: number): IngestError {
  return new IngestError(
    'bad-column',
    `${name} has ${columnCount === 1 ? 'only 1 column' : `${columnCount} columns`}, so column ${idColumn + 1} cannot be used for IDs.`,
  )
}

/**
 * Decides from the first few KB how to read the rest: a table (CSV/TSV, ID column chosen by its
 * header) or a list (any mix of line breaks, commas, semicolons, tabs or spaces between IDs).
 * e.g. "Email,Account ID\na@b.c,0012\n" → table, ',' , header, idColumn 1; "1,2,3" → list
 */
export function planLayout(input: PlanLayoutInput): LayoutPlan {
  const { sample, isWholeText, kind, name, idColumn, rememberedIdColumns } = input
  // Records, not lines: a quoted cell may hold line breaks. The last of a partial sample may
  // be cut mid-way and is left out of the guesses.
  const lines = sampleRecords(sample, isWholeText, SAMPLE_LINES)
  if (lines.length <= 1) return listPlan(lines, name, idColumn)

  const delimiter = sniffDelimiter(lines)
  const rows = parseSampleRows(lines, delimiter)
  const [first = [], ...rest] = rows
  const hasHeader = isHeaderRow(first, rest)

  const spaceSeparated =
    delimiter === null &&
    lines.slice(1).filter((line) => INNER_WHITESPACE.test(line.trim())).length >=
      (lines.length - 1) / 2
  // Pasted text is a list unless it is clearly a table copied with its header (e.g. from Excel).
  const isList = kind === 'paste' ? delimiter === null || !hasHeader : spaceSeparated
  if (isList) return listPlan(lines, name, idColumn)

  const columnCount = rows.reduce((max, row) => Math.max(max, row.length), 0)
  const columns = hasHeader
    ? first.map(cleanHeader)
    : Array.from({ length: columnCount }, (_, i) => `Column ${i + 1}`)
  while (columns.length < columnCount) columns.push(`Column ${columns.length + 1}`)
  if (idColumn !== undefined && (idColumn < 0 || idColumn >= columns.length)) {
    throw badColumn(name, idColumn, columns.length)
  }
  return {
    layout: 'table',
    delimiter,
    hasHeader,
    columns,
    ...decideIdColumn(columns, hasHeader, idColumn, rememberedIdColumns),
  }
}
