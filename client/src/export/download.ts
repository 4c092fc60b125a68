/** Saves a blob under `fileName` through the browser's download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Saves text (CSV, Markdown, JSON) as a UTF-8 file. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName)
}
