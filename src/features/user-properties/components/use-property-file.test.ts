// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { switchingToWindows1252 } from '../../../lib/testing/ingest-inputs'
import { stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { buildXlsx } from '../../../lib/testing/xlsx-builder'
import { defaultMapping } from '../domain/property-table'
import type { PropertyFileState } from './property-file-state'
import { usePropertyFile } from './use-property-file'

// jsdom has no Worker: the workspace runs on the test's thread (worker/__mocks__).
vi.mock('../worker/property-plan-client')

beforeAll(stubBrowserApis)

function renderPropertyFile() {
  const events = { onOpened: vi.fn(), onClosed: vi.fn() }
  const hook = renderHook(() => usePropertyFile(events))
  return { ...hook, events }
}

function opened(state: PropertyFileState) {
  if (state.status !== 'opened') throw new Error(`expected an opened file, got ${state.status}`)
  return state
}

const csv = (text: string, name = 'tiers.csv') => new File([text], name)

describe('usePropertyFile', () => {
  it('reads a CSV that switches to Windows-1252 half-way, as Segments does, then opens it', async () => {
    const blob = switchingToWindows1252('user_id,city\n', (i) => `${i},Paris\n`, '9999,Liège\n')
    const file = new File([blob], 'fans.csv')
    const { result, events } = renderPropertyFile()

    act(() => result.current.choose(file))
    expect(result.current.state).toMatchObject({ status: 'reading', file, bytesRead: 0 })

    await waitFor(() => expect(result.current.state.status).toBe('opened'))
    const { table, rows } = opened(result.current.state)
    expect(table.encoding).toBe('windows-1252')
    expect(rows.row(rows.count - 1)).toEqual(['9999', 'Liège'])
    expect(events.onOpened).toHaveBeenCalledWith(table)
  })

  it('says why a file cannot be used', async () => {
    const { result, events } = renderPropertyFile()

    act(() => result.current.choose(csv('user_id\n7\n8\n', 'ids.csv')))

    await waitFor(() => expect(result.current.state.status).toBe('failed'))
    expect(result.current.state).toMatchObject({
      sentence: expect.stringMatching(/^ids\.csv has only one column\./),
    })
    expect(events.onOpened).not.toHaveBeenCalled()
  })

  it('stops the worker of a file another file replaces, and of the last one when the page goes', async () => {
    const { result, events, unmount } = renderPropertyFile()
    act(() => result.current.choose(csv('user_id,tier\n7,Gold\n')))
    await waitFor(() => expect(result.current.state.status).toBe('opened'))
    const first = opened(result.current.state).planner
    const mapping = defaultMapping(['user_id', 'tier'], 0)
    await expect(first.plan(1, mapping, new Set(['tier']), 10)).resolves.toMatchObject({ seq: 1 })

    act(() => result.current.choose(csv('user_id,seat\n7,A12\n', 'seats.csv')))
    expect(events.onClosed).toHaveBeenCalledTimes(2)
    await waitFor(() => expect(result.current.state.status).toBe('opened'))
    await expect(first.plan(2, mapping, new Set(['tier']), 10)).rejects.toThrow('terminated')
    const second = opened(result.current.state)
    expect(second.table.columns).toEqual(['user_id', 'seat'])

    unmount()
    await expect(second.planner.requests(1)).rejects.toThrow('terminated')
  })

  it('forgets a reading that was stopped', async () => {
    const { result, events } = renderPropertyFile()

    act(() => {
      result.current.choose(csv('user_id,tier\n7,Gold\n'))
      result.current.stop()
    })
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))

    expect(result.current.state).toEqual({ status: 'idle' })
    expect(events.onOpened).not.toHaveBeenCalled()
  })

  it('reads the same workbook again from the sheet chosen', async () => {
    const xlsx = buildXlsx({
      sheets: [
        {
          name: 'Tiers',
          rows: [
            ['user_id', 'tier'],
            [{ n: '7' }, 'Gold'],
          ],
        },
        {
          name: 'Seats',
          rows: [
            ['user_id', 'seat'],
            [{ n: '7' }, 'A12'],
          ],
        },
      ],
    })
    const { result } = renderPropertyFile()
    act(() => result.current.choose(new File([xlsx], 'club.xlsx')))
    await waitFor(() => expect(result.current.state.status).toBe('opened'))
    expect(opened(result.current.state).table.columns).toEqual(['user_id', 'tier'])

    act(() => result.current.chooseSheet(1))

    await waitFor(() => expect(result.current.state.status).toBe('opened'))
    const { table, rows } = opened(result.current.state)
    expect(table.workbook?.sheet).toBe(1)
    expect(table.columns).toEqual(['user_id', 'seat'])
    expect(rows.row(0)).toEqual(['7', 'A12'])
  })
})
