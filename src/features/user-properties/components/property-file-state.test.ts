import { describe, expect, it } from 'vitest'
import { sameThreadWorkerClient } from '../../../lib/testing/same-thread-worker'
import { readPackedRows, packRows } from '../domain/packed-rows'
import type { PropertyPlanWorkspace } from '../worker/property-plan-workspace'
import type { PropertyTableSummary } from '../worker/read-property-table'
import {
  idlePropertyFile,
  propertyFileReducer,
  type PropertyFileAction,
  type PropertyFileState,
} from './property-file-state'

const tiers = new File(['user_id,tier\n7,Gold\n'], 'tiers.csv')
const seats = new File(['user_id,seat\n7,A12\n'], 'seats.csv')
const table: PropertyTableSummary = {
  name: 'tiers.csv',
  encoding: 'utf-8',
  delimiter: ',',
  workbook: null,
  columns: ['user_id', 'tier'],
  suggestedIdColumn: 0,
  idColumnGuessed: false,
  warnings: [],
  durationMs: 1,
}
const rows = readPackedRows(packRows([['7', 'Gold']]))
const planner = sameThreadWorkerClient<PropertyPlanWorkspace>(() => ({
  read: () => Promise.reject(new Error('not read here')),
  plan: () => Promise.reject(new Error('not planned here')),
  requests: () => [],
})).remote()

const run = (...actions: PropertyFileAction[]): PropertyFileState =>
  actions.reduce(propertyFileReducer, idlePropertyFile)

describe('propertyFileReducer', () => {
  it('goes from reading, with its progress, to the opened table', () => {
    expect(run({ type: 'read', file: tiers })).toEqual({
      status: 'reading',
      file: tiers,
      bytesRead: 0,
      totalBytes: tiers.size,
    })
    expect(
      run(
        { type: 'read', file: tiers },
        { type: 'progress', file: tiers, bytesRead: 10, totalBytes: 20 },
      ),
    ).toMatchObject({ status: 'reading', bytesRead: 10, totalBytes: 20 })
    const opened = run(
      { type: 'read', file: tiers },
      { type: 'opened', file: tiers, table, rows, planner },
    )
    // The planner is a proxy that answers every property, so it is compared by identity.
    expect(opened.status === 'opened' && opened.planner).toBe(planner)
    expect(opened).toMatchObject({ status: 'opened', file: tiers, table, rows })
  })

  it('keeps the sentence of a file that could not be read', () => {
    expect(
      run({ type: 'read', file: tiers }, { type: 'failed', file: tiers, sentence: 'No.' }),
    ).toEqual({ status: 'failed', file: tiers, sentence: 'No.' })
  })

  it('ignores what a reading that was replaced or stopped reports', () => {
    const replaced = run({ type: 'read', file: tiers }, { type: 'read', file: seats })
    expect(
      propertyFileReducer(replaced, { type: 'opened', file: tiers, table, rows, planner }),
    ).toBe(replaced)
    expect(
      propertyFileReducer(replaced, { type: 'progress', file: tiers, bytesRead: 5, totalBytes: 9 }),
    ).toBe(replaced)
    const stopped = run({ type: 'read', file: tiers }, { type: 'closed' })
    expect(stopped).toEqual({ status: 'idle' })
    expect(propertyFileReducer(stopped, { type: 'failed', file: tiers, sentence: 'No.' })).toBe(
      stopped,
    )
  })

  it('reads the opened file again for another sheet, and closes', () => {
    const opened = run(
      { type: 'read', file: tiers },
      { type: 'opened', file: tiers, table, rows, planner },
    )
    expect(propertyFileReducer(opened, { type: 'read', file: tiers })).toMatchObject({
      status: 'reading',
      file: tiers,
    })
    expect(propertyFileReducer(opened, { type: 'closed' })).toEqual({ status: 'idle' })
  })
})
