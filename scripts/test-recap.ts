import { z } from 'zod'

/** One half of `npm test` as it ended: its exit, its time, its failed tests, its last lines. */
export interface HalfOutcome {
  name: string
  exitCode: number | string
  seconds: number
  failedTests: readonly FailedTest[]
  lastLines: readonly string[]
}

/** A test that failed: where, which, and the first line of why. */
export interface FailedTest {
  runner: string
  where: string
  title: string
  why: string
}

const MOST_FAILURES_LISTED = 10
const TAIL_LINES = 12
const WHY_CHARS = 160

// Only what the recap reads of each report; anything else in them may change between versions.
const vitestReport = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.object({
          ancestorTitles: z.array(z.string()),
          title: z.string(),
          status: z.string(),
          failureMessages: z.array(z.string()).nullish(),
        }),
      ),
    }),
  ),
})

// A suite holds specs and suites of its own; zod 4 types the recursion from the getter.
const playwrightSuite = z.object({
  specs: z
    .array(
      z.object({
        title: z.string(),
        file: z.string(),
        line: z.number(),
        tests: z.array(
          z.object({
            status: z.string(),
            results: z.array(
              z.object({ error: z.object({ message: z.string().optional() }).optional() }),
            ),
          }),
        ),
      }),
    )
    .optional(),
  get suites() {
    return z.array(playwrightSuite).optional()
  },
})
type PlaywrightSuite = z.infer<typeof playwrightSuite>
const playwrightReport = z.object({
  suites: z.array(playwrightSuite),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
})

// eslint-disable-next-line no-control-regex -- the escape that starts a terminal colour
const TERMINAL_COLOURS = /\u001b\[[0-9;]*m/g

/** Text as a log file should hold it: e.g. '\u001b[31mFAIL\u001b[39m' → 'FAIL'. */
export function withoutColours(text: string): string {
  return text.replace(TERMINAL_COLOURS, '')
}

/** The first non-empty line of a message, without terminal colours, cut to a readable length. */
function firstLine(message: string | undefined): string {
  const line =
    withoutColours(message ?? '')
      .split('\n')
      .map((text) => text.trim())
      .find((text) => text !== '') ?? 'no message'
  return line.length > WHY_CHARS ? `${line.slice(0, WHY_CHARS - 1)}…` : line
}

/**
 * The failed tests of a Vitest JSON report, and files that failed outside any test (an import,
 * a beforeAll). A report that is not Vitest's says nothing rather than throw.
 * e.g. a file with one failed assertion → [{ runner: 'Vitest', where: 'a.test.ts', title, why }]
 */
export function vitestFailures(report: unknown, root: string): FailedTest[] {
  const parsed = vitestReport.safeParse(report)
  if (!parsed.success) return []
  return parsed.data.testResults.flatMap((file) => {
    const where = file.name.startsWith(`${root}/`) ? file.name.slice(root.length + 1) : file.name
    const failed = file.assertionResults.filter((test) => test.status === 'failed')
    if (failed.length === 0 && file.status === 'failed') {
      return [{ runner: 'Vitest', where, title: '(the file)', why: firstLine(file.message) }]
    }
    return failed.map((test) => ({
      runner: 'Vitest',
      where,
      title: [...test.ancestorTitles, test.title].join(' › '),
      why: firstLine(test.failureMessages?.[0]),
    }))
  })
}

/**
 * The stories of a Playwright JSON report that failed on every try (a story that passed on its
 * retry is flaky, not failed), and errors outside any story (a global setup, a worker crash).
 */
export function playwrightFailures(report: unknown, runner: string): FailedTest[] {
  const parsed = playwrightReport.safeParse(report)
  if (!parsed.success) return []
  const walk = (suite: PlaywrightSuite): FailedTest[] => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((test) => test.status === 'unexpected')
        .map((test) => ({
          runner,
          where: `${spec.file}:${spec.line}`,
          title: spec.title,
          why: firstLine(test.results.at(-1)?.error?.message),
        })),
    ),
    ...(suite.suites ?? []).flatMap(walk),
  ]
  return [
    ...parsed.data.suites.flatMap(walk),
    ...(parsed.data.errors ?? []).map((error) => ({
      runner,
      where: '(the run)',
      title: 'an error outside any story',
      why: firstLine(error.message),
    })),
  ]
}

function duration(seconds: number): string {
  const whole = Math.round(seconds)
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`
}

/**
 * What `npm test` prints last, so the end of a CI log says what failed however early it
 * failed: each half's outcome, then for each half that failed its failed tests by name or, with
 * none to name (the type check, lint, a crash), its last lines.
 * e.g. checks exited 1 with one failed Vitest test →
 *   'npm test: checks failed (exit 1, 7 min 2 s); browser passed (10 min 40 s)',
 *   'checks: Vitest: a.test.ts › adds › one and one: AssertionError: expected 3 to be 2'
 */
export function recapLines(halves: readonly HalfOutcome[]): string[] {
  const passed = (half: HalfOutcome) => half.exitCode === 0
  const outcomes = halves.map((half) =>
    passed(half)
      ? `${half.name} passed (${duration(half.seconds)})`
      : `${half.name} failed (exit ${half.exitCode}, ${duration(half.seconds)})`,
  )
  const lines = [`npm test: ${outcomes.join('; ')}`]
  for (const half of halves.filter((each) => !passed(each))) {
    const failed = half.failedTests
    if (failed.length === 0) {
      lines.push(`${half.name}: no failed test to name; the last lines it printed:`)
      lines.push(...half.lastLines.slice(-TAIL_LINES).map((line) => `  ${line}`))
      continue
    }
    lines.push(
      ...failed
        .slice(0, MOST_FAILURES_LISTED)
        .map((test) => `${half.name}: ${test.runner}: ${test.where} › ${test.title}: ${test.why}`),
    )
    if (failed.length > MOST_FAILURES_LISTED) {
      lines.push(`${half.name}: … and ${failed.length - MOST_FAILURES_LISTED} more (above).`)
    }
  }
  return lines
}
