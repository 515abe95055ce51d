// `npm test`: the two halves side by side on CI's two cores (checks: type check, lint, Vitest;
// browser: build, the stories, the PostgreSQL story, bench smoke), each line prefixed with its
// half, then a recap. A CI log is often read only at its end, where the browser half's bench
// table would otherwise bury a failure the checks half printed minutes earlier.
import { readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { concurrently, type CloseEvent } from 'concurrently'
import {
  playwrightFailures,
  recapLines,
  vitestFailures,
  withoutColours,
  type FailedTest,
} from './test-recap.ts'

const ROOT = resolve(import.meta.dirname, '..')
const REPORTS = resolve(ROOT, 'test-reports')
const KEPT_LINES = 40

const REPORT_FILES = {
  vitest: resolve(REPORTS, 'vitest.json'),
  stories: resolve(REPORTS, 'stories.json'),
  postgresStory: resolve(REPORTS, 'postgres-story.json'),
}

const HALVES = [
  {
    name: 'checks',
    command: 'npm run test:checks',
    failedTests: () => vitestFailures(readReport(REPORT_FILES.vitest), ROOT),
  },
  {
    name: 'browser',
    command: 'npm run test:browser',
    failedTests: () => [
      ...playwrightFailures(readReport(REPORT_FILES.stories), 'Playwright'),
      ...playwrightFailures(readReport(REPORT_FILES.postgresStory), 'PostgreSQL story'),
    ],
  },
] satisfies { name: string; command: string; failedTests: () => FailedTest[] }[]

/** A report this run wrote, or undefined when the runner never got to write it. */
function readReport(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

// Reports of an earlier run would name its failures as this one's.
rmSync(REPORTS, { recursive: true, force: true })

const { commands, result } = concurrently(
  HALVES.map(({ name, command }) => ({
    name,
    command,
    env: {
      VITEST_JSON_REPORT: REPORT_FILES.vitest,
      PLAYWRIGHT_JSON_OUTPUT_FILE: REPORT_FILES.stories,
      POSTGRES_STORY_JSON_REPORT: REPORT_FILES.postgresStory,
    },
  })),
  { prefix: 'name' },
)

const lastLines = commands.map(() => [] as string[])
commands.forEach((command, index) => {
  const kept = lastLines[index] ?? []
  const keep = (chunk: Buffer) => {
    kept.push(
      ...withoutColours(chunk.toString())
        .split('\n')
        .filter((line) => line.trim()),
    )
    kept.splice(0, Math.max(0, kept.length - KEPT_LINES))
  }
  command.stdout.subscribe(keep)
  command.stderr.subscribe(keep)
})

// The result settles with every half's close event, rejecting when one failed.
const closed = await result.then(
  (events) => events,
  (events: CloseEvent[]) => events,
)
const outcomes = HALVES.map((half, index) => {
  const event = closed.find((each) => each.index === index)
  return {
    name: half.name,
    exitCode: event?.exitCode ?? 'none',
    seconds: event?.timings.durationSeconds ?? 0,
    failedTests: half.failedTests(),
    lastLines: lastLines[index] ?? [],
  }
})
process.stdout.write(`\n${recapLines(outcomes).join('\n')}\n`)
process.exit(outcomes.every((outcome) => outcome.exitCode === 0) ? 0 : 1)
