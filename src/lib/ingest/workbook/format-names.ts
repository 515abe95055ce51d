import type { WorkbookFormat } from '../types'

const FORMAT_NAMES: Readonly<Record<WorkbookFormat, string>> = {
  xlsx: 'Excel workbook',
  xlsm: 'Excel macro-enabled workbook',
  xls: 'Excel 97–2003 workbook',
  ods: 'OpenDocument spreadsheet',
}

/** e.g. workbookFormatName('xls') → "Excel 97–2003 workbook" */
export function workbookFormatName(format: WorkbookFormat): string {
  return FORMAT_NAMES[format]
}
