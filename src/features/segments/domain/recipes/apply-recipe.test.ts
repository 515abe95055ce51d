import { describe, expect, it } from 'vitest'
import type { Recipe, RecipeSplit } from '../../../../../contracts/recipe'
import { headerSignature } from '../../../../lib/reading-memory'
import {
  columnsNeeded,
  dateQuestionsSentence,
  planRecipeRefresh,
  type DroppedReading,
} from './apply-recipe'

const ticketColumns = ['Account ID', 'Plan Type', 'Section', 'Renewal Status']

const recipe: Recipe = {
  version: 1,
  name: 'Full Season renewals',
  sources: [
    {
      columns: ticketColumns,
      headerSignature: headerSignature(ticketColumns),
      sheet: null,
      idColumn: 'Account ID',
      conditions: [
        { kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] },
        { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] },
      ],
    },
    {
      columns: ['Member'],
      headerSignature: headerSignature(['Member']),
      sheet: 'Opt-outs',
      idColumn: 'Member',
      conditions: [],
    },
  ],
  combine: 'subtract',
  split: null,
  segment: { title: 'Full Season renewals', tag: 'fullSeasonRenewals' },
  notes: '',
}

function file(sourceId: string, name: string, columns: string[], sheets?: string[]) {
  return {
    sourceId,
    name,
    columns,
    headerSignature: headerSignature(columns),
    sheets: sheets ?? null,
    sheet: sheets?.[0] ?? null,
  } satisfies DroppedReading
}

describe('planRecipeRefresh', () => {
  it("matches each of this week's files to its source in the recipe's order, whatever order they were dropped in", () => {
    const plan = planRecipeRefresh(recipe, [
      file('s1', 'opt-outs.xlsx', ['Member'], ['Opt-outs']),
      // Next week's export spells a column differently and adds one: still the same export.
      file('s2', 'tickets-next.csv', ['account id', 'Plan  Type', 'Renewal Status', 'Seats']),
    ])
    expect(plan).toEqual({
      kind: 'plan',
      steps: [
        {
          sourceId: 's2',
          idColumn: 0,
          conditions: [
            { kind: 'text', column: 'Plan  Type', op: 'isOneOf', values: ['Full Season'] },
            { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] },
          ],
        },
        { sourceId: 's1', idColumn: 0, conditions: [] },
      ],
      order: ['s2', 's1'],
      combine: 'subtract',
      split: null,
    })
  })

  it('names the columns a file lacks, and applies nothing', () => {
    const plan = planRecipeRefresh(recipe, [
      file('s1', 'tickets-next.csv', ['Account ID', 'Section']),
      file('s2', 'opt-outs.xlsx', ['Member'], ['Opt-outs']),
    ])
    expect(plan).toEqual({
      kind: 'refused',
      sentence:
        "This week's file tickets-next.csv has no columns 'Plan Type' and 'Renewal Status', which the recipe \"Full Season renewals\" reads. Nothing was applied, and nothing will be sent.",
    })
    const one = planRecipeRefresh(recipe, [
      file('s1', 'tickets-next.csv', ['Account ID', 'Plan Type']),
      file('s2', 'opt-outs.xlsx', ['Member'], ['Opt-outs']),
    ])
    expect(one.kind === 'refused' && one.sentence).toMatch(
      /^This week's file tickets-next\.csv has no column 'Renewal Status', which/,
    )
  })

  const planSplit: RecipeSplit = {
    source: 0,
    column: 'Plan Type',
    tagPrefix: 'plan',
    titlePattern: 'Plan: {value}',
  }
  const byPlan: Recipe = { ...recipe, split: planSplit, segment: null }

  it("splits the file that stands for the recipe's split source, by its own spelling of the column", () => {
    const plan = planRecipeRefresh(byPlan, [
      file('s1', 'opt-outs.xlsx', ['Member'], ['Opt-outs']),
      file('s2', 'tickets-next.csv', ['account id', 'plan type', 'Renewal Status']),
    ])
    expect(plan.kind === 'plan' && plan.split).toEqual({
      sourceId: 's2',
      column: 'plan type',
      tagPrefix: 'plan',
      titlePattern: 'Plan: {value}',
    })
    expect(plan.kind === 'plan' && plan.order).toEqual(['s2', 's1'])
    expect(
      planRecipeRefresh(recipe, [
        file('s1', 'tickets.csv', ticketColumns),
        file('s2', 'o.xlsx', ['Member'], ['Opt-outs']),
      ]),
    ).toMatchObject({ kind: 'plan', split: null })
  })

  it('names a missing split column with the other missing columns, and applies nothing', () => {
    const noPlan = {
      ...byPlan,
      sources: byPlan.sources.map((source) => ({ ...source, conditions: [] })),
    }
    expect(
      planRecipeRefresh(noPlan, [
        file('s1', 'tickets-next.csv', ['Account ID', 'Section']),
        file('s2', 'opt-outs.xlsx', ['Member'], ['Opt-outs']),
      ]),
    ).toEqual({
      kind: 'refused',
      sentence:
        "This week's file tickets-next.csv has no column 'Plan Type', which the recipe \"Full Season renewals\" reads. Nothing was applied, and nothing will be sent.",
    })
    expect(columnsNeeded(byPlan, 0)).toEqual(['Account ID', 'Plan Type', 'Renewal Status'])
    expect(columnsNeeded({ ...byPlan, split: { ...planSplit, column: 'Section' } }, 0)).toEqual([
      'Account ID',
      'Plan Type',
      'Renewal Status',
      'Section',
    ])
    expect(columnsNeeded(byPlan, 1)).toEqual(['Member'])
  })

  it('refuses a split of a file the recipe does not read', () => {
    const astray = { ...byPlan, split: { ...planSplit, source: 2 } }
    expect(planRecipeRefresh(astray, [file('s1', 't.csv', ticketColumns)])).toEqual({
      kind: 'refused',
      sentence:
        'The recipe "Full Season renewals" splits a file it does not read (file 3 of 2): edit or import it again. Nothing was applied, and nothing will be sent.',
    })
  })

  it('asks for one file per source', () => {
    expect(planRecipeRefresh(recipe, [file('s1', 'tickets.csv', ticketColumns)])).toEqual({
      kind: 'refused',
      sentence:
        'The recipe "Full Season renewals" reads 2 files, and 1 was dropped: drop this week\'s copy of each. Nothing was applied, and nothing will be sent.',
    })
  })

  it("reads a workbook from the recipe's sheet first when another sheet was read", () => {
    const plan = planRecipeRefresh(recipe, [
      file('s1', 'tickets.csv', ticketColumns),
      file('s2', 'opt-outs.xlsx', ['Total'], ['Summary', 'opt-outs ']),
    ])
    expect(plan).toEqual({ kind: 'sheets', choices: [{ sourceId: 's2', sheet: 1 }] })
  })

  it('matches values such as __proto__ or a formula as plain column names', () => {
    const odd: Recipe = {
      ...recipe,
      sources: [
        {
          columns: ['__proto__', "=cmd|' /C calc'!A0"],
          headerSignature: headerSignature(['__proto__', "=cmd|' /C calc'!A0"]),
          sheet: null,
          idColumn: '__proto__',
          conditions: [{ kind: 'text', column: "=cmd|' /C calc'!A0", op: 'isNotEmpty' }],
        },
      ],
    }
    expect(columnsNeeded(odd, 0)).toEqual(['__proto__', "=cmd|' /C calc'!A0"])
    const plan = planRecipeRefresh(odd, [file('s1', 'x.csv', ['__proto__', "=cmd|' /C calc'!A0"])])
    expect(plan.kind).toBe('plan')
  })
})

describe('dateQuestionsSentence', () => {
  const question = 'Is 02/11/2026 the 2nd of November or the 11th of February?'

  it("names each card's question, and says nothing is sent until they are answered", () => {
    expect(
      dateQuestionsSentence('Renewals', [
        { source: 'tickets.csv', column: 'Last Purchase', question },
      ]),
    ).toBe(
      '"Renewals" waits for one answer: on the card of tickets.csv, Is 02/11/2026 the 2nd of November or the 11th of February? (the dates of "Last Purchase"). The recipe applies once you answer; nothing is sent until then.',
    )
    expect(
      dateQuestionsSentence('Renewals', [
        { source: 'tickets.csv', column: 'Last Purchase', question },
        { source: 'crm.csv', column: 'Joined', question: 'Is 01/02/2026 …?' },
      ]),
    ).toMatch(
      /^"Renewals" waits for 2 answers: on the card of tickets\.csv, .*; on the card of crm\.csv, Is 01\/02\/2026 …\? \(the dates of "Joined"\)\./,
    )
  })
})
