import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import {
  badFiles,
  HOSTILE_CELLS,
  removeGeneratedFiles,
  type BadFile,
} from './fixtures/bad-files-corpus'
import { expect, test } from './support/console-test'
import {
  expectResponsive,
  injectedScriptRan,
  watchConsole,
  type PageWatch,
} from './support/page-health'
import type { Sandbox } from './support/sandbox'
import { sourceCard } from './support/segments-page'

// The files marketers drop under deadline. Each one ends in a sentence on its source card, and
// none of them crashes the page, freezes it, runs a script from a cell or sends anything.

const corpus = badFiles()

/** A file of the corpus, by name, for the stories of its own below. */
function corpusFile(name: string): BadFile {
  const file = corpus.find((candidate) => candidate.name === name)
  if (!file) throw new Error(`the corpus has no ${name}`)
  return file
}

test.afterAll(() => {
  removeGeneratedFiles()
})

async function drop(page: Page, file: BadFile): Promise<void> {
  const content = file.content()
  await page
    .getByLabel('CSV files')
    .setInputFiles(
      Buffer.isBuffer(content)
        ? { name: file.name, mimeType: 'text/csv', buffer: content }
        : content.path,
    )
}

async function expectOutcome(page: Page, file: BadFile): Promise<void> {
  const card = sourceCard(page, file.name)
  // The Remove button replaces Cancel once reading has ended, however it ended.
  await expect(card.getByRole('button', { name: `Remove ${file.name}` })).toBeVisible({
    timeout: 60_000,
  })
  if (file.outcome.kind === 'refused') {
    const alert = card.getByRole('alert')
    await expect(alert).toContainText(`${file.name} could not be read`)
    await expect(alert.getByText(file.outcome.sentence, { exact: true })).toBeVisible()
    await expect(page.getByRole('list', { name: 'IDs to send' })).toHaveCount(0)
  } else {
    for (const text of file.outcome.shows) await expect(card).toContainText(text)
  }
}

async function expectNothingBroken(page: Page, watch: PageWatch, fanpass: Sandbox) {
  await expectResponsive(page)
  expect(await injectedScriptRan(page)).toBe(false)
  expect(watch.pageErrors).toEqual([])
  expect(watch.apiRequests).toEqual([])
  expect(await fanpass.requests()).toEqual([])
}

/** These two have stories of their own below. */
const WITH_OWN_STORY = new Set(['fifty-mb-line.csv', 'hostile-cells.csv'])

test.describe('a marketer drops the wrong file', () => {
  // One page for the whole corpus (a fresh page per file would triple the run time); each test
  // starts from an empty source list and fresh error and request records.
  let page: Page
  let watch: PageWatch
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage()
    watch = watchConsole(page.context())
    await page.goto('/segments')
  })
  test.afterAll(async () => {
    await page.close()
  })
  test.beforeEach(async () => {
    const removeAll = page.getByRole('button', { name: 'Remove all sources' })
    if (await removeAll.isVisible()) await removeAll.click()
    await expect(page.getByRole('article')).toHaveCount(0)
    watch.pageErrors.length = 0
    watch.apiRequests.length = 0
  })

  for (const file of corpus.filter((candidate) => !WITH_OWN_STORY.has(candidate.name))) {
    test(`${file.description} (${file.name}) ends in a sentence, and nothing breaks or is sent`, async ({
      fanpass,
    }) => {
      await drop(page, file)

      await expectOutcome(page, file)
      await expectNothingBroken(page, watch, fanpass)
    })
  }
})

test('the page keeps answering while a 50 MB single-line file is read', async ({
  page,
  watch,
  fanpass,
}) => {
  const file = corpusFile('fifty-mb-line.csv')
  await page.goto('/segments')

  await drop(page, file)

  await expect(page.getByRole('progressbar', { name: 'Reading fifty-mb-line.csv' })).toBeVisible()
  await expectResponsive(page, 'Typed while reading')
  await expectOutcome(page, file)
  await expectNothingBroken(page, watch, fanpass)
})

test('HTML, formulas, emoji and right-to-left text in cells are shown as text and exported defused', async ({
  page,
  watch,
  fanpass,
}) => {
  const file = corpusFile('hostile-cells.csv')
  await page.goto('/segments')

  await drop(page, file)
  await expectOutcome(page, file)

  const preview = page.getByRole('list', { name: 'IDs to send' })
  for (const cell of Object.values(HOSTILE_CELLS)) await expect(preview).toContainText(cell)
  const card = sourceCard(page, file.name)
  await expect(card).toContainText(HOSTILE_CELLS.script)
  await expect(card).toContainText(HOSTILE_CELLS.hyperlink)
  // Shown as text means no element was made from a cell.
  await expect(page.locator('img[src="x"], svg[onload], [onerror], [onload]')).toHaveCount(0)
  await expect(page.locator('script:not([src])')).toHaveCount(0)

  const download = page.waitForEvent('download')
  await card.getByRole('button', { name: /Download the 3 affected rows \(composite\)/ }).click()
  const csv = readFileSync(await (await download).path(), 'utf8')
  const lines = csv.trimEnd().split('\n')
  expect(lines[0]).toBe('file,row,original value,outcome')
  expect(lines).toContain(
    `hostile-cells.csv,5,"'=HYPERLINK(""http://evil.example/steal"",""Click"")",Kept; looks like two values joined into one`,
  )
  expect(lines).toContain(
    "hostile-cells.csv,6,'+cmd|/C calc|A0,Kept; looks like two values joined into one",
  )

  await expectNothingBroken(page, watch, fanpass)
})

test('every refused file dropped at once gets its own card and sentence', async ({
  page,
  watch,
  fanpass,
}) => {
  const refused = corpus.filter((file) => file.outcome.kind === 'refused')
  const small = refused.filter((file) => Buffer.isBuffer(file.content()))
  await page.goto('/segments')

  await page.getByLabel('CSV files').setInputFiles(
    small.map((file) => ({
      name: file.name,
      mimeType: 'text/csv',
      buffer: file.content() as Buffer,
    })),
  )

  for (const file of small) await expectOutcome(page, file)
  await page.getByLabel('Title').fill('Nothing to send')
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await expect(
    page.getByText(
      'Add user IDs first: drop a CSV file or paste IDs. FanPass will not accept an empty segment.',
    ),
  ).toBeVisible()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expectNothingBroken(page, watch, fanpass)
})
