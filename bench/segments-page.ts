import type { BrowserContext, Page } from '@playwright/test'
import { addProbe, armWatch, awaitWatch, longestTask } from './browser.ts'
import type { IdsFile } from './inputs.ts'

/** A fresh browser context (no cache, no IndexedDB) on the Segments page, probe installed. */
export async function openSegmentsPage(context: BrowserContext, consoleUrl: string): Promise<Page> {
  const page = await context.newPage()
  await addProbe(page)
  await page.goto(`${consoleUrl}/segments`)
  await page.getByRole('button', { name: 'Upload segment' }).waitFor()
  return page
}

/**
 * Gives the drop zone's file input `path`. The input is emptied first: choosing the same file
 * again would otherwise fire no change, and a repeated run would wait for nothing.
 */
export async function chooseFile(page: Page, path: string): Promise<void> {
  const input = page.getByLabel('CSV files')
  await input.setInputFiles([])
  await input.setInputFiles(path)
}

export interface IngestFigures {
  /** setInputFiles → the preview's status says the final count, in page time. */
  ms: number
  /** Longest main-thread task in that time; 0 when none reached 50 ms. */
  longestTaskMs: number
}

/** Drops `file` on the page and waits until the preview says "<unique count> IDs will be sent." */
export async function ingestFile(
  page: Page,
  file: IdsFile,
  timeoutMs: number,
): Promise<IngestFigures> {
  const start = await armWatch(page, 'ingest', {
    selector: '[role="status"]',
    text: `${file.uniqueIds.toLocaleString('en-US')} IDs will be sent.`,
    present: true,
    failSelector: `article[aria-label="Source ${file.name}"] [role="alert"]`,
  })
  await chooseFile(page, file.path)
  const end = await awaitWatch(page, 'ingest', timeoutMs)
  return { ms: end - start, longestTaskMs: await longestTask(page, start, end) }
}

/** "Remove all sources", then waits until no source card is left. */
export async function removeAllSources(page: Page): Promise<void> {
  await armWatch(page, 'removed', { selector: 'article[aria-label^="Source "]', present: false })
  await page.getByRole('button', { name: 'Remove all sources' }).click()
  await awaitWatch(page, 'removed', 30_000)
}
