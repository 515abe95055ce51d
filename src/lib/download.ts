/** Makes the browser save a Blob as a file, as if the user clicked a download link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download: some browsers start it after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves CSV text with a byte-order mark, so Excel reads it as UTF-8 and accents survive. */
export function downloadCsvFile(fileName: string, csv: string): void {
  downloadBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), fileName)
}
