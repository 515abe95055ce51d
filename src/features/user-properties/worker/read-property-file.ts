// A dropped properties file read into a table through the reader Segments uses too
// (readDroppedFile): a workbook by its content, else text, read again as Windows-1252 when it
// changes encoding half-way. Where the two features still differ, on purpose:
// - every cell is kept (Segments keeps one ID column), so a table needs a header row and at least
//   two columns, and a file of one column is refused rather than read as a list of IDs;
// - no sheet is recalled from an earlier workbook: the column mapping is what this page
//   remembers, by header row, and a sheet is picked from the list when it is not the first.
import { readDroppedFile } from '../../../lib/ingest/read-dropped-file'
import { readPropertyTable, type PropertyTable } from './read-property-table'
import { readPropertyWorkbook, type ReadPropertyWorkbookOptions } from './read-property-workbook'

export type ReadPropertyFileOptions = ReadPropertyWorkbookOptions

/**
 * Reads a properties CSV or workbook, told apart by content.
 * e.g. readPropertyFile(new File(['user_id;tier\n0012;Gold\n'], 'tiers.csv'), { name: 'tiers.csv' })
 *   → columns ['user_id', 'tier'], rows [['0012', 'Gold']], delimiter ';', encoding 'utf-8'
 */
export function readPropertyFile(
  file: Blob,
  options: ReadPropertyFileOptions,
): Promise<PropertyTable> {
  const { sheet, ...shared } = options
  return readDroppedFile(file, {
    text: (text) => readPropertyTable(text.input, { ...shared, ...text }),
    workbook: (blob, container) => readPropertyWorkbook(blob, container, { ...shared, sheet }),
  })
}
