import { expect, test } from './support/console-test'

test('the tab shows the FanPass icon and the browser can install the console from its manifest', async ({
  page,
  request,
}) => {
  await page.goto('/segments')
  const icon = await page.locator('link[rel="icon"]').getAttribute('href')
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
  expect(icon).toBe('/favicon.svg')
  expect(manifestHref).toBe('/manifest.webmanifest')

  const svg = await request.get('/favicon.svg')
  expect(svg.status()).toBe(200)
  expect(svg.headers()['content-type']).toContain('image/svg+xml')
  expect(svg.headers()['x-content-type-options']).toBe('nosniff')
  expect(await svg.text()).toContain('<svg')

  const manifestResponse = await request.get('/manifest.webmanifest')
  expect(manifestResponse.status()).toBe(200)
  expect(manifestResponse.headers()['content-type']).toContain('application/manifest+json')
  const manifest = (await manifestResponse.json()) as {
    name: string
    start_url: string
    icons: { src: string }[]
  }
  expect(manifest).toMatchObject({ name: 'FanPass Console', start_url: '/segments' })
  for (const { src } of manifest.icons) expect((await request.get(src)).status()).toBe(200)

  // The CSP lets the page use both: Chromium reports a refused icon or manifest as a console error.
  const refused: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') refused.push(message.text())
  })
  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'Segments' })).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(refused.filter((text) => /manifest|icon|Content Security Policy/i.test(text))).toEqual([])
})
