// What the Segments page remembers in this browser's localStorage (see domain/remembered-reading.ts
// for the rules): read as a snapshot that goes with each reading to the worker, and written with
// the changes the worker decides.
import { createReadingMemoryStore } from '../../../lib/reading-memory-store'
import {
  combinationSchema,
  rememberedIdColumns,
  rememberedSheets,
  segmentReadingSchema,
  sheetReadingSchema,
  type RememberedChoices,
  type SegmentMemoryWrite,
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

/** Everything remembered, as the worker takes it. */
export function rememberedChoices(): Required<RememberedChoices> {
  return {
    idColumns: rememberedIdColumns(segmentReadings.entries()),
    sheets: rememberedSheets(segmentSheets.entries()),
    combinations: new Map(
      segmentCombinations.entries().map((entry) => [entry.signature, entry.choice]),
    ),
  }
}

/** Writes what the worker decided to remember or forget. */
export function applyMemoryWrites(writes: readonly SegmentMemoryWrite[]): void {
  for (const write of writes) {
    if (write.store === 'idColumns') {
      if (write.choice === null) segmentReadings.forget(write.signature)
      else segmentReadings.remember(write.signature, write.choice)
    } else if (write.store === 'sheets') {
      if (write.choice === null) segmentSheets.forget(write.signature)
      else segmentSheets.remember(write.signature, write.choice)
    } else if (write.choice === null) segmentCombinations.forget(write.signature)
    else segmentCombinations.remember(write.signature, write.choice)
  }
}
