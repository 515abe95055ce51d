import type { Page } from '@playwright/test'
import { expect, test } from './support/console-test'
import { injectedScriptRan } from './support/page-health'
import { sendPastedSegment } from './support/segments-page'

// A script that got into the page could read the token from the form, so the first line of
// defence is that none can run; the second, that the token is kept nowhere it could be found later.

test('the console is served with its security headers, and the CSP stops scripts injected into the page', async ({
  page,
}) => {
  const response = await page.goto('/segments')
  const headers = response?.headers() ?? {}
  expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('no-referrer')
  await expect(page.getByRole('heading', { name: 'Segments' })).toBeVisible()

  await page.evaluate(() => {
    const violations: string[] = []
    Reflect.set(window, '__violations', violations)
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(event.effectiveDirective),
    )
  })
  // Every way a cell, a name or a server message could turn into script if it reached the DOM raw.
  await page.addScriptTag({ content: 'window.__xss = "inline script tag"' }).catch(() => undefined)
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__xss = "appended script"'
    document.body.append(script)
    document.body.insertAdjacentHTML(
      'beforeend',
      '<img src="data:," onerror="window.__xss = \'event handler\'" alt="">',
    )
    const link = document.createElement('a')
    link.href = 'javascript:window.__xss = "javascript URL"'
    document.body.append(link)
    link.click()
  })

  await expect
    .poll(() => page.evaluate(() => (Reflect.get(window, '__violations') as string[]).length))
    .toBeGreaterThanOrEqual(4)
  const violations = await page.evaluate(() => Reflect.get(window, '__violations') as string[])
  expect(new Set(violations)).toEqual(new Set(['script-src-elem', 'script-src-attr']))
  expect(await injectedScriptRan(page)).toBe(false)
})

/** Everything the browser keeps for the console's origin, as one string to search. */
async function everythingStored(page: Page): Promise<string> {
  const cookies = JSON.stringify(await page.context().cookies())
  const inPage = await page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const databases: Record<string, unknown[]> = {}
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await request(indexedDB.open(info.name))
      for (const store of Array.from(db.objectStoreNames)) {
        databases[`${info.name}/${store}`] = await request(
          db.transaction(store).objectStore(store).getAll(),
        )
      }
      db.close()
    }
    const cacheNames = 'caches' in window ? await caches.keys() : []
    return JSON.stringify({
      localStorage: { ...localStorage },
      sessionStorage: { ...sessionStorage },
      databases,
      cookie: document.cookie,
      url: location.href,
      historyState: history.state as unknown,
      cacheNames,
      resources: performance.getEntriesByType('resource').map((entry) => entry.name),
    })
  })
  return `${cookies}\n${inPage}`
}

test('after a real upload and a look at History, the token is nowhere in storage, IndexedDB, URLs or history', async ({
  page,
  watch,
  connectWithClubToken,
}) => {
  // Every URL from the first load on (so not connectedPage): connecting must not put it in one.
  const visited: string[] = []
  page.on('framenavigated', (frame) => visited.push(frame.url()))
  await page.goto('/segments')
  await connectWithClubToken(page)
  const token = await page.getByLabel('API token').inputValue()

  const result = await sendPastedSegment(page, { ids: ['9001', '9002'], title: 'Token check' })
  await expect(result).toContainText('Segment Token check queued 2 for import')
  await page.getByRole('link', { name: 'History' }).click()
  await expect(page.getByRole('row', { name: /tokenCheck/ })).toHaveCount(1)
  await page.getByRole('link', { name: 'Segments' }).click()
  await page.goBack()
  await page.goForward()

  const stored = await everythingStored(page)
  // The dump is real: it lists the requests of the upload that History shows. The fan IDs are
  // kept by the console's server (the team history), not in this browser.
  expect(stored).toContain('tokenCheck')
  expect(stored).not.toContain('9001')
  for (const part of token.split('.')) expect(stored).not.toContain(part)
  expect(new Set(visited.map((url) => new URL(url).pathname))).toEqual(
    new Set(['/segments', '/history']),
  )
  for (const url of visited) for (const part of token.split('.')) expect(url).not.toContain(part)
  expect(watch.apiRequests).toEqual(['POST /api/v1/segments'])
  expect(watch.pageErrors).toEqual([])
})
