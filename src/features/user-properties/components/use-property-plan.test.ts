// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { sameThreadWorkerClient } from '../../../lib/testing/same-thread-worker'
import { defaultMapping, type TableMapping } from '../domain/property-table'
import type { TablePlanView } from '../domain/table-plan'
import type { PropertyPlanWorkspace } from '../worker/property-plan-workspace'
import { usePropertyPlan } from './use-property-plan'

type Call = {
  seq: number
  mapping: TableMapping
  answer: (requests: number) => Promise<void>
  fail: () => Promise<void>
}

/** A planner whose answers arrive only when the test says so, in any order. */
function slowPlanner() {
  const calls: Call[] = []
  const worker = sameThreadWorkerClient<PropertyPlanWorkspace>(() => ({
    read: () => Promise.reject(new Error('this planner reads no file')),
    plan: (seq, mapping) =>
      new Promise<TablePlanView>((resolve, reject) => {
        const view = (requests: number): TablePlanView => ({
          seq,
          summary: {
            columns: [],
            rowsRead: 3,
            rowsUsed: 3,
            skippedRows: 0,
            skippedExamples: [],
            idsCorrected: 0,
            rowsWithoutValues: 0,
            trimmedValues: 0,
            truncatedCells: 0,
            ignoredColumns: 0,
            problems: [],
          },
          outline: { ok: true, requests, strategy: 'by-row', groups: [['tier']] },
        })
        calls.push({
          seq,
          mapping,
          answer: (requests) => act(async () => resolve(view(requests))),
          fail: () => act(async () => reject(new Error('worker stopped'))),
        })
      }),
    requests: async () => [],
  }))
  return { planner: worker.remote(), calls }
}

const registered = new Set(['tier', 'seat'])
const first = defaultMapping(['id', 'tier', 'seat'], 0)
const second: TableMapping = { ...first, columns: first.columns.map((c) => ({ ...c })) }

function requestsShown(state: { view: TablePlanView | null }) {
  return state.view?.outline?.ok === true ? state.view.outline.requests : null
}

describe('usePropertyPlan', () => {
  it('never shows an answer to a mapping the marketer has since changed', async () => {
    const { planner, calls } = slowPlanner()
    const { result, rerender } = renderHook(
      ({ mapping }) => usePropertyPlan(planner, mapping, registered, 1000),
      { initialProps: { mapping: first } },
    )
    expect(result.current).toEqual({ view: null, current: false, error: null })

    rerender({ mapping: second })
    expect(calls.map((call) => [call.seq, call.mapping])).toEqual([
      [1, first],
      [2, second],
    ])
    await calls[1]?.answer(20)
    expect(result.current.current).toBe(true)
    expect(requestsShown(result.current)).toBe(20)

    // The first call's answer arrives last, and is dropped.
    await calls[0]?.answer(10)
    expect(result.current.current).toBe(true)
    expect(requestsShown(result.current)).toBe(20)
    expect(result.current.view?.seq).toBe(2)
  })

  it('keeps the last answer on screen, marked as not current, while the next is worked out', async () => {
    const { planner, calls } = slowPlanner()
    const { result, rerender } = renderHook(
      ({ batchSize }) => usePropertyPlan(planner, first, registered, batchSize),
      { initialProps: { batchSize: 1000 } },
    )
    await calls[0]?.answer(10)
    rerender({ batchSize: 500 })

    expect(result.current.current).toBe(false)
    expect(requestsShown(result.current)).toBe(10)
    await calls[1]?.answer(19)
    expect(result.current.current).toBe(true)
    expect(requestsShown(result.current)).toBe(19)
  })

  it('forgets the previous file’s plan when another file is opened', async () => {
    const one = slowPlanner()
    const two = slowPlanner()
    const { result, rerender } = renderHook(
      ({ planner }) => usePropertyPlan(planner, first, registered, 1000),
      { initialProps: { planner: one.planner } },
    )
    await one.calls[0]?.answer(10)
    rerender({ planner: two.planner })

    expect(result.current).toEqual({ view: null, current: false, error: null })
  })

  it('says so in a sentence when the planner fails', async () => {
    const { planner, calls } = slowPlanner()
    const { result } = renderHook(() => usePropertyPlan(planner, first, registered, 1000))
    await calls[0]?.fail()

    expect(result.current.error).toBe(
      'The plan could not be worked out for this file. Choose the file again; if this happens again, split it into smaller files.',
    )
  })
})
