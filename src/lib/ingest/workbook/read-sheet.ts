// What both flows (segment IDs and property tables) do with a workbook before their own rules:
// choose the sheet, keep the first rows to recognise the header from, and report progress.
import { IngestError } from '../ingest-error'
import { cellAsText, type Cell } from './cell'
import { workbookSentences } from './open-workbook'
import { columnLetters, type ReadSheetOptions, type RowSink, type Workbook } from './workbook-types'

/** Rows kept to recognise the header, as for a CSV sample. */
export const SAMPLE_ROWS = 50

/** A row kept for later: its number, and copies of its cells. */
export interface KeptRow {
  row: number
  cells: Cell[]
}

/** Copies a row the reader will reuse. */
export function keepRow(row: number, cells: readonly Cell[], width: number): KeptRow {
  const kept: Cell[] = []
  for (let i = 0; i < width; i++) kept.push({ ...(cells[i] as Cell) })
  return { row, cells: kept }
}

/** e.g. texts of a kept row [text "Account ID", number 7] → ["Account ID", "7"] */
export function rowTexts(row: KeptRow): string[] {
  return row.cells.map(cellAsText)
}

/** A header cell's name, "Column B" when it is empty. */
export function headerName(cell: Cell | undefined, index: number): string {
  const name =
    cell === undefined
      ? ''
      : cellAsText(cell)
          .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
          .trim()
  return name === '' ? `Column ${columnLetters(index)}` : name
}

/** A sink that knows whether its sheet held anything. */
export interface CheckedSink extends RowSink {
  readonly sawData: boolean
}

export interface ChosenSheet<S> {
  sink: S
  sheet: number
  warnings: string[]
}

/**
 * Reads `requested`, or else the first visible sheet that holds data (then a hidden one), with a
 * fresh sink per sheet tried. An empty workbook is an IngestError.
 * e.g. sheets [empty "Notes", "Fans"] → reads "Notes", finds nothing, reads "Fans" → { sheet: 1 }
 */
export async function readChosenSheet<S extends CheckedSink>(
  workbook: Workbook,
  requested: number | undefined,
  name: string,
  createSink: () => S,
  options: ReadSheetOptions,
): Promise<ChosenSheet<S>> {
  const { sheets } = workbook
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 0 || requested >= sheets.length) {
      throw new IngestError(
        'bad-sheet',
        `${name} has ${sheets.length === 1 ? 'only 1 sheet' : `${sheets.length} sheets`}, so sheet ${requested + 1} cannot be read.`,
      )
    }
    const sink = createSink()
    await workbook.readSheet(requested, sink, options)
    return { sink, sheet: requested, warnings: [] }
  }
  const visible = sheets.flatMap((sheet, index) => (sheet.hidden ? [] : [index]))
  const hidden = sheets.flatMap((sheet, index) => (sheet.hidden ? [index] : []))
  for (const index of [...visible, ...hidden]) {
    const sink = createSink()
    await workbook.readSheet(index, sink, options)
    if (!sink.sawData) continue
    const warnings = sheets[index]?.hidden
      ? [
          `Every visible sheet of ${name} is empty, so the hidden sheet "${sheets[index]?.name ?? ''}" was read. Choose another sheet if that is wrong.`,
        ]
      : []
    return { sink, sheet: index, warnings }
  }
  throw new IngestError('empty-workbook', workbookSentences.noData(name))
}

/**
 * Progress of a sheet as bytes of the file, at most every 50 ms (as for text).
 * e.g. sheetProgress(file.size, onProgress)(0.5) → onProgress(file.size / 2, file.size)
 */
export function sheetProgress(
  totalBytes: number,
  onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined,
): (fraction: number) => void {
  let last = -Infinity
  return (fraction) => {
    const now = performance.now()
    if (onProgress === undefined || (fraction < 1 && now - last < 50)) return
    last = now
    onProgress(Math.round(fraction * totalBytes), totalBytes)
  }
}
