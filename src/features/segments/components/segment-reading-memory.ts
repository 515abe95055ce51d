import { createReadingMemoryStore } from '../../../lib/reading-memory-store'
import {
  combinationSchema,
  segmentReadingSchema,
  sheetReadingSchema,
} from '../domain/remembered-reading'

/** The ID column chosen for each export's header row, in this browser. */
export const segmentReadings = createReadingMemoryStore(
  'fanpass-console.segment-readings.v1',
  segmentReadingSchema,
)

/** How each set of exports (by their header rows) was combined, in this browser. */
export const segmentCombinations = createReadingMemoryStore(
  'fanpass-console.segment-combinations.v1',
  combinationSchema,
)

/** The sheet chosen for each workbook (by its sheet names), in this browser. */
export const segmentSheets = createReadingMemoryStore(
  'fanpass-console.segment-sheets.v1',
  sheetReadingSchema,
)
