import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  playwrightFailures,
  recapLines,
  vitestFailures,
  withoutColours,
  type HalfOutcome,
} from './test-recap.ts'

// The reports are real ones, written by Vitest 4.1 and Playwright 1.65 (retries: 1) for a few
// throwaway tests, their folder renamed /repo: a failed and a passed test, a file that cannot be
// imported; a story failing every try, one passing on its retry, one passing, a story file that
// cannot load.
const report = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))

const half = (overrides: Partial<HalfOutcome>): HalfOutcome => ({
  name: 'checks',
  exitCode: 0,
  seconds: 422,
  failedTests: [],
  lastLines: [],
  ...overrides,
})

describe("Vitest's report", () => {
  it('names each failed test by its file and titles, and a file that failed outside any test', () => {
    expect(vitestFailures(report('vitest-report.json'), '/repo')).toEqual([
      {
        runner: 'Vitest',
        where: 'a.test.ts',
        title: 'adds › one and one',
        why: 'AssertionError: expected 2 to be 3 // Object.is equality',
      },
      { runner: 'Vitest', where: 'b.test.ts', title: '(the file)', why: 'cannot import this file' },
    ])
  })

  it('says nothing of a report that is missing or of another shape', () => {
    expect(vitestFailures(undefined, '/repo')).toEqual([])
    expect(vitestFailures(report('playwright-report.json'), '/repo')).toEqual([])
  })
})

describe("Playwright's report", () => {
  it('names a story that failed every try, without colours, and not one that passed on its retry', () => {
    expect(playwrightFailures(report('playwright-report.json'), 'Playwright')).toEqual([
      {
        runner: 'Playwright',
        where: 'stories.spec.ts:3',
        title: 'fails every time',
        why: 'Error: expect(received).toBe(expected) // Object.is equality',
      },
    ])
  })

  it('names each error outside any story', () => {
    expect(
      playwrightFailures(report('playwright-report-broken-file.json'), 'PostgreSQL story'),
    ).toEqual([
      {
        runner: 'PostgreSQL story',
        where: '(the run)',
        title: 'an error outside any story',
        why: 'Error: this story file cannot load',
      },
      {
        runner: 'PostgreSQL story',
        where: '(the run)',
        title: 'an error outside any story',
        why: 'Error: No tests found',
      },
    ])
  })
})

describe('the recap npm test prints last', () => {
  it('is one line when both halves passed', () => {
    expect(
      recapLines([half({}), half({ name: 'browser', seconds: 641, lastLines: ['bench table'] })]),
    ).toEqual(['npm test: checks passed (7 min 2 s); browser passed (10 min 41 s)'])
  })

  it("names a failed half's failed tests, however early it failed", () => {
    const failedTests = vitestFailures(report('vitest-report.json'), '/repo')
    expect(
      recapLines([
        half({ exitCode: 1, failedTests, lastLines: ['Tests 1 failed'] }),
        half({ name: 'browser', seconds: 641 }),
      ]),
    ).toEqual([
      'npm test: checks failed (exit 1, 7 min 2 s); browser passed (10 min 41 s)',
      'checks: Vitest: a.test.ts › adds › one and one: AssertionError: expected 2 to be 3 // Object.is equality',
      'checks: Vitest: b.test.ts › (the file): cannot import this file',
    ])
  })

  it('shows the last lines of a half that failed with no test to name, such as the type check', () => {
    const lastLines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`)
    const lines = recapLines([
      half({ exitCode: 2, seconds: 35, lastLines }),
      half({ name: 'browser' }),
    ])
    expect(lines.slice(0, 2)).toEqual([
      'npm test: checks failed (exit 2, 35 s); browser passed (7 min 2 s)',
      'checks: no failed test to name; the last lines it printed:',
    ])
    expect(lines.slice(2)).toEqual(lastLines.slice(-12).map((line) => `  ${line}`))
  })

  it('lists at most ten failed tests of a half, and says how many more', () => {
    const failedTests = Array.from({ length: 13 }, (_, i) => ({
      runner: 'Playwright',
      where: `e2e/story-${i}.spec.ts:1`,
      title: `story ${i}`,
      why: 'Test timeout of 60000ms exceeded.',
    }))
    const lines = recapLines([half({}), half({ name: 'browser', exitCode: 1, failedTests })])
    expect(lines).toHaveLength(12)
    expect(lines.at(-1)).toBe('browser: … and 3 more (above).')
  })
})

it('prints what a terminal would colour as plain text', () => {
  expect(withoutColours('\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m a.test.ts')).toBe(
    'FAIL a.test.ts',
  )
})
