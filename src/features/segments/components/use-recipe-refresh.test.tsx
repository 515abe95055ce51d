// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { useForm } from 'react-hook-form'
import { describe, expect, it, vi } from 'vitest'
import type { Recipe } from '../../../../contracts/recipe'
import { headerSignature } from '../../../lib/reading-memory'
import type { ReplaceSegmentInput } from '../api/replace-segment'
import { readDateValues } from '../domain/rows/date-cell'
import { dateColumnReading } from '../domain/rows/date-order'
import { aSourceSummary } from '../testing/source-summary-builder'
import type { KeptRowsView } from '../worker/segment-workspace'
import type { CombinedSummary, SourceSummary } from '../worker/types'
import { useRecipeRefresh, type AppliedRecipe } from './use-recipe-refresh'

const recipe: Recipe = {
  version: 1,
  name: 'Full Season renewals',
  sources: [
    {
      columns: ['Name', 'Account ID', 'Renewal Status'],
      headerSignature: headerSignature(['Name', 'Account ID', 'Renewal Status']),
      sheet: null,
      idColumn: 'Account ID',
      conditions: [{ kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] }],
    },
  ],
  combine: 'union',
  split: null,
  segment: { title: 'Full Season renewals', tag: 'fullSeasonRenewals' },
  notes: '',
}

function summary(columns: string[]): SourceSummary {
  // Read automatically from the first column: the recipe reads Account ID.
  return aSourceSummary({
    sourceId: 'source-9',
    name: 'tickets-next.csv',
    columns,
    headerSignature: headerSignature(columns),
  })
}

function actions(read: SourceSummary, view: KeptRowsView | null = null) {
  return {
    clear: vi.fn(),
    readFiles: vi.fn(async () => [read]),
    remove: vi.fn(),
    readAgainWith: vi.fn(async () => read),
    setConditions: vi.fn(async () => ({}) as never),
    columnProfiles: vi.fn(async () => view),
    arrange: vi.fn(async () => undefined),
    setSplit: vi.fn(),
    combined: null as CombinedSummary | null,
  }
}

function renderRefresh(
  ids: ReturnType<typeof actions>,
  onApplied: (applied: AppliedRecipe | null) => void,
) {
  // `ids` is read at each render, as the page passes its sources' latest state.
  return renderHook(() => {
    const form = useForm<ReplaceSegmentInput>({
      defaultValues: { title: '', tag: '', sourceType: 0, notes: '', userIdCount: 0 },
    })
    return { form, refresh: useRecipeRefresh({ ...ids }, form, onApplied) }
  })
}

const file = new File(['x'], 'tickets-next.csv')

describe('useRecipeRefresh', () => {
  it("reads this week's file from the recipe's ID column, with its conditions, combination and segment", async () => {
    const ids = actions(summary(['Name', 'account id', 'Renewal Status']))
    const onApplied = vi.fn()
    const { result } = renderRefresh(ids, onApplied)
    await act(() => result.current.refresh.refresh(recipe, [file]))
    expect(ids.clear).toHaveBeenCalledOnce()
    expect(ids.readAgainWith).toHaveBeenCalledWith('source-9', { idColumn: 1 })
    expect(ids.setConditions).toHaveBeenCalledWith('source-9', [
      { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] },
    ])
    expect(ids.arrange).toHaveBeenCalledWith(['source-9'], 'union')
    expect(result.current.form.getValues()).toMatchObject({
      title: 'Full Season renewals',
      tag: 'fullSeasonRenewals',
    })
    expect(ids.setSplit).not.toHaveBeenCalled()
    // Applied, not yet run: the page stamps the recipe when FanPass accepts what it built.
    expect(onApplied.mock.calls).toEqual([[null], [{ dateOrders: expect.any(Function) }]])
    expect(result.current.refresh.state).toEqual({
      status: 'applied',
      sentence:
        '"Full Season renewals" is applied to this week\'s files: check the list, then upload.',
    })
  })

  it('names the missing column, takes the file away again, and applies nothing', async () => {
    const ids = actions(summary(['Name', 'Account ID']))
    const onApplied = vi.fn()
    const { result } = renderRefresh(ids, onApplied)
    await act(() => result.current.refresh.refresh(recipe, [file]))
    expect(result.current.refresh.state).toEqual({
      status: 'refused',
      sentence:
        "This week's file tickets-next.csv has no column 'Renewal Status', which the recipe \"Full Season renewals\" reads. Nothing was applied, and nothing will be sent.",
    })
    expect(ids.remove).toHaveBeenCalledWith('source-9')
    expect(ids.setConditions).not.toHaveBeenCalled()
    expect(ids.arrange).not.toHaveBeenCalled()
    expect(onApplied.mock.calls).toEqual([[null]])
    expect(result.current.form.getValues('tag')).toBe('')
  })

  const byPlan: Recipe = {
    ...recipe,
    sources: recipe.sources.map((source) => ({
      ...source,
      columns: [...source.columns, 'Plan Type'],
      headerSignature: headerSignature([...source.columns, 'Plan Type']),
    })),
    split: { source: 0, column: 'Plan Type', tagPrefix: 'plan', titlePattern: 'Plan: {value}' },
    segment: null,
  }

  it("splits the file by the recipe's column once its conditions and combination are set", async () => {
    const ids = actions(summary(['Name', 'Account ID', 'Renewal Status', 'PLAN TYPE']))
    const { result } = renderRefresh(ids, vi.fn())
    await act(() => result.current.refresh.refresh(byPlan, [file]))
    expect(ids.setSplit).toHaveBeenCalledWith({
      sourceId: 'source-9',
      column: 'PLAN TYPE',
      tagPrefix: 'plan',
      titlePattern: 'Plan: {value}',
    })
    expect(ids.setSplit.mock.invocationCallOrder[0]).toBeGreaterThan(
      ids.arrange.mock.invocationCallOrder[0] ?? Infinity,
    )
    expect(result.current.form.getValues('tag')).toBe('')
    expect(result.current.refresh.state.status).toBe('applied')
  })

  it('names a split column the file lacks, and neither filters nor splits', async () => {
    const ids = actions(summary(['Name', 'Account ID', 'Renewal Status']))
    const onApplied = vi.fn()
    const { result } = renderRefresh(ids, onApplied)
    await act(() => result.current.refresh.refresh(byPlan, [file]))
    expect(result.current.refresh.state).toEqual({
      status: 'refused',
      sentence:
        "This week's file tickets-next.csv has no column 'Plan Type', which the recipe \"Full Season renewals\" reads. Nothing was applied, and nothing will be sent.",
    })
    expect(ids.remove).toHaveBeenCalledWith('source-9')
    expect(ids.setConditions).not.toHaveBeenCalled()
    expect(ids.setSplit).not.toHaveBeenCalled()
    expect(onApplied.mock.calls).toEqual([[null]])
  })

  it("waits for the answer to a date condition this week's file leaves undecided, then says it is applied", async () => {
    const dateCondition = {
      kind: 'date',
      column: 'Last Purchase',
      op: 'after',
      date: '2026-10-01',
    } as const
    const lastPurchase: Recipe = {
      ...recipe,
      sources: [
        {
          ...(recipe.sources[0] as Recipe['sources'][number]),
          conditions: [dateCondition],
        },
      ],
    }
    const dates = readDateValues(['02/11/2026', '12/03/2026'], { column: 'Last Purchase' })
    if (dates.kind === 'not-dates') throw new Error(dates.sentence)
    const blocking =
      'tickets-next.csv: The dates in "Last Purchase" could be day first or month first'
    const view: KeptRowsView = {
      columns: [
        {
          name: 'Last Purchase',
          kind: 'date',
          distinctValues: 2,
          values: [],
          tooManyToList: false,
          dates: dateColumnReading(dates),
        },
      ],
      state: {
        conditions: lastPurchase.sources[0]?.conditions ?? [],
        perCondition: [],
        sentence: '',
        severalRows: null,
        blocking,
        nearDuplicates: [],
        issues: [],
      },
    }
    const ids = actions(summary(['Name', 'Account ID', 'Last Purchase']), view)
    ids.combined = {
      version: 2,
      mode: 'union',
      perSource: [],
      total: 0,
      removedAcrossSources: 0,
      sentence: '',
      blocking,
    }
    const onApplied = vi.fn()
    const { result, rerender } = renderRefresh(ids, onApplied)
    await act(() => result.current.refresh.refresh(lastPurchase, [file]))
    expect(result.current.refresh.state).toEqual({
      status: 'waiting',
      sentence:
        '"Full Season renewals" waits for one answer: on the card of tickets-next.csv, Is 02/11/2026 the 2nd of November or the 11th of February? (the dates of "Last Purchase"). The recipe applies once you answer; nothing is sent until then.',
    })
    // Everything else is set up, so the answer alone completes the refresh.
    expect(ids.arrange).toHaveBeenCalledWith(['source-9'], 'union')
    expect(result.current.form.getValues('tag')).toBe('fullSeasonRenewals')
    expect(onApplied.mock.calls).toEqual([[null], [{ dateOrders: expect.any(Function) }]])

    const applied = onApplied.mock.calls[1]?.[0] as AppliedRecipe
    expect(await applied.dateOrders()).toEqual([])

    // The card's answer: the condition now reads day first, which the recipe is to keep.
    view.state = {
      ...view.state,
      conditions: [{ ...dateCondition, order: 'dayFirst' }],
      blocking: null,
    }
    ids.combined = { ...ids.combined, version: 3, total: 2 }
    delete ids.combined.blocking
    rerender()
    expect(result.current.refresh.state).toEqual({
      status: 'applied',
      sentence:
        '"Full Season renewals" is applied to this week\'s files: check the list, then upload.',
    })
    expect(await applied.dateOrders()).toEqual([
      { source: 0, column: 'Last Purchase', was: null, order: 'dayFirst' },
    ])
  })
})
