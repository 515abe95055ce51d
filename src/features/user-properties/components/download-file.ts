/** Hands the browser a file to save, e.g. downloadFile('failed-rows.csv', csv, 'text/csv'). */
export function downloadFile(name: string, content: string, type: string): void {
  // A BOM so that Excel opens UTF-8 CSV files with accents intact.
  const body = type.startsWith('text/csv') ? `\uFEFF${content}` : content
  const url = URL.createObjectURL(new Blob([body], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later, not at once: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
