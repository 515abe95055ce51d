import type { BenchContext } from './bench-context.ts'
import { addProbe, armClickTime, armWatch, awaitWatch, clickTime } from './browser.ts'
import { idsFile } from './inputs.ts'
import { currentLoad, formatMb, formatMs, median, type SectionResult } from './report.ts'
import { ingestFile } from './segments-page.ts'
import {
  freePort,
  residentBytes,
  sampleRss,
  startAll,
  startConsole,
  startSandbox,
} from './servers.ts'

const MB = 1024 * 1024
const RSS_SAMPLE_MS = 50

async function baselineRss(pid: number): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < 10; i++) {
    samples.push(residentBytes(pid))
    await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_MS))
  }
  return median(samples)
}

/**
 * Issue item 4: a segment of 1M IDs sent from the page through the console's proxy to a sandbox
 * in a process of its own, so the console process's RSS is the proxy's alone.
 */
export async function measureUpload(context: BenchContext): Promise<SectionResult> {
  const { smoke, rootDir, tmpDir, distDir, browser } = context
  const load = currentLoad()
  const file = idsFile(tmpDir, smoke ? 50_000 : 1_000_000)
  // The console only needs the sandbox's address to start, so both start at once.
  const sandboxPort = await freePort()
  const [sandbox, proxy] = await startAll([
    startSandbox(rootDir, sandboxPort),
    startConsole(rootDir, distDir, `http://127.0.0.1:${sandboxPort}`),
  ])
  if (sandbox === undefined || proxy === undefined) throw new Error('a server did not start')
  const browserContext = await browser.newContext()
  try {
    const tokenResponse = await fetch(`${sandbox.url}/__sandbox/token`)
    const { token } = (await tokenResponse.json()) as { token: string }
    const page = await browserContext.newPage()
    await addProbe(page)
    await page.goto(`${proxy.url}/segments`)
    await page.getByLabel('API token').fill(token)
    await page.getByLabel('API token').press('Enter')
    await page.getByText(/Signed in as/).waitFor()

    await ingestFile(page, file, 120_000)
    await page.getByLabel('Title').fill('Bench upload')
    const tag = await page.getByLabel('Tag').inputValue()
    await page.getByRole('button', { name: 'Upload segment' }).click()
    const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
    const bodySize =
      (await dialog.textContent())?.match(/Request size: ([\d.]+ (?:bytes|KB|MB))/)?.[1] ??
      'unknown size'

    const baseline = await baselineRss(proxy.pid)
    const rss = sampleRss(proxy.pid, RSS_SAMPLE_MS)
    await armClickTime(page, 'replace', '[role="dialog"] button')
    await armWatch(page, 'uploaded', {
      selector: 'section[aria-label="Upload result"]',
      textIncludes: 'HTTP status',
      present: true,
    })
    await dialog.getByRole('button', { name: 'Replace segment' }).click()
    const done = await awaitWatch(page, 'uploaded', 120_000)
    const { peakBytes, samples } = rss.stop()
    const wallMs = done - (await clickTime(page, 'replace'))
    const result = (await page.locator('section[aria-label="Upload result"]').textContent()) ?? ''
    if (!result.includes(`queued ${file.uniqueIds} for import`)) {
      throw new Error(`the upload did not succeed: ${result}`)
    }
    const stored = (await (
      await fetch(`${sandbox.url}/__sandbox/segments/${encodeURIComponent(tag)}`)
    ).json()) as { userIds: string[] }
    if (stored.userIds.length !== file.uniqueIds) {
      throw new Error(`the sandbox holds ${stored.userIds.length} IDs, not ${file.uniqueIds}`)
    }

    const growth = Math.max(0, peakBytes - baseline)
    const label = `${file.uniqueIds.toLocaleString('en-US')} IDs (${bodySize})`
    return {
      key: 'upload',
      title: 'Upload through the proxy',
      loadAverage: load,
      figures: {
        file,
        tag,
        bodySize,
        wallMs,
        rssBaselineBytes: baseline,
        rssPeakBytes: peakBytes,
        rssGrowthBytes: growth,
        rssSamples: samples,
      },
      rows: [
        {
          figure: `${label}: Replace → result shown`,
          value: formatMs(wallMs),
          reference: 'page → console proxy → sandbox process',
        },
        {
          figure: 'Console server RSS growth during the upload',
          value: formatMb(growth),
          reference: `baseline ${formatMb(baseline)}, peak ${formatMb(peakBytes)}, ${samples} samples`,
          target: '≤ 64 MB',
          met: smoke ? undefined : growth <= 64 * MB,
        },
      ],
      notes: [
        'RSS is /proc/<pid>/status VmRSS of the console process (node --import tsx), read every 50 ms; the sandbox runs in another process.',
      ],
    }
  } finally {
    await browserContext.close()
    await proxy.stop()
    await sandbox.stop()
  }
}
