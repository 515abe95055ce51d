import { test } from '@playwright/test'
import { badFiles } from './fixtures/bad-files-corpus'

for (const file of badFiles()) {
  test(`probe ${file.name}`, async ({ page }) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push('console: ' + m.text())
    })
    await page.goto('/segments')
    const content = file.content()
    const started = Date.now()
    await page
      .getByLabel('CSV files')
      .setInputFiles(
        Buffer.isBuffer(content)
          ? { name: file.name, mimeType: 'text/csv', buffer: content }
          : content.path,
      )
    const card = page.getByRole('article', { name: `Source ${file.name}` })
    await card.getByRole('button', { name: /Remove/ }).waitFor({ timeout: 90_000 })
    const txt = (await card.innerText()).slice(0, 1500)
    console.log(
      `=== ${file.name} (${Date.now() - started} ms)\n${txt}\nERRORS: ${errors.join(' | ')}`,
    )
  })
}
