import { loadavg } from 'node:os'

/** One line of the table: a measured figure, what it is compared with, and the target. */
export interface Row {
  figure: string
  /** The measured value, formatted ("812 ms"), or why it was not measured. */
  value: string
  /** The floor or reference measured in the same run ("bare parse 390 ms → 2.08×"). */
  reference?: string
  target?: string
  /** Whether the target was met; undefined when there is no target or nothing was measured. */
  met?: boolean
}

/** What each measurement module returns: raw figures for results.json and rows for the table. */
export interface SectionResult {
  key: string
  title: string
  /** The 1-minute load average when the section started: the machine is shared. */
  loadAverage: number
  figures: Record<string, unknown>
  rows: Row[]
  notes: string[]
}

/** The 1-minute load average, rounded to two decimals. */
export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100
}

/** e.g. 812.4 → "812 ms"; 12_345 → "12.3 s" */
export function formatMs(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** e.g. 1_572_864 → "1.5 MB" (MB = 2^20 bytes, as heap and RSS figures are usually read) */
export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** e.g. 250_400 → "250.4 kB" (kB = 1000 bytes, as Vite's build report counts) */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

/** e.g. (2.0812) → "2.08×" */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`
}

/** The middle value (the lower middle for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN
}

function metCell(row: Row): string {
  if (row.met === undefined) return ''
  return row.met ? 'yes' : 'NO'
}

function tableCells(sections: readonly SectionResult[]): string[][] {
  const cells: string[][] = []
  for (const section of sections) {
    section.rows.forEach((row, index) => {
      cells.push([
        index === 0 ? section.title : '',
        row.figure,
        row.value,
        row.reference ?? '',
        row.target ?? '',
        metCell(row),
        index === 0 ? section.loadAverage.toFixed(2) : '',
      ])
    })
  }
  return cells
}

const HEADER = ['Measurement', 'Figure', 'Measured', 'Floor / reference', 'Target', 'Met', 'Load']

/** The table as fixed-width text for the terminal. */
export function textTable(sections: readonly SectionResult[]): string {
  const rows = [HEADER, ...tableCells(sections)]
  const widths = HEADER.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [line(HEADER), rule, ...rows.slice(1).map(line)].join('\n')
}

function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|')
}

/** The table as Markdown (Prettier aligns it when docs/performance.md is written). */
export function markdownTable(sections: readonly SectionResult[]): string {
  const lines = [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...tableCells(sections).map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ]
  return lines.join('\n')
}
