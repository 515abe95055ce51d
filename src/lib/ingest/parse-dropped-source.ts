// A segment's source, file or pasted text, read into its IDs through the shared dropped-file
// reader: parseWorkbookSource for a workbook, parseSource for text.
import { parseSource, type ParsedSource, type ParseSourceOptions } from './parse-source'
import { readDroppedFile } from './read-dropped-file'
import { parseWorkbookSource, type ParseWorkbookOptions } from './workbook/parse-workbook-source'

export type ParseDroppedSourceOptions = Omit<ParseSourceOptions, 'totalBytes'> &
  Pick<ParseWorkbookOptions, 'sheet' | 'rememberedSheets'>

/**
 * Reads the IDs of a dropped file or pasted text, whatever its kind.
 * e.g. parseDroppedSource(csvFileThatSwitchesToWindows1252, { name: 'fans.csv', kind: 'file' })
 *   → summary.encoding 'windows-1252', with the warning that says so
 */
export function parseDroppedSource(
  input: Blob | string,
  options: ParseDroppedSourceOptions,
): Promise<ParsedSource> {
  const { sheet, rememberedSheets, encoding, kind, ...shared } = options
  return readDroppedFile(
    input,
    {
      text: (text) => parseSource(text.input, { ...shared, kind, ...text }),
      workbook: (blob, container) =>
        parseWorkbookSource(blob, container, { ...shared, sheet, rememberedSheets }),
    },
    encoding,
  )
}
