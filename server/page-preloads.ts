// Each page of the console is a chunk of its own that the router imports only once the shell's
// JavaScript has run, so on a first visit the page's chunk used to start downloading about half
// a second in. The build writes down which chunks each page needs, and the server names them in
// the HTML it sends for that page, so the browser fetches them alongside the shell's.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Written by the build next to index.html: page name → the chunk URLs it needs beyond the shell's. */
export const PAGE_PRELOADS_FILE = 'page-preloads.json'

export type PagePreloads = Record<string, string[]>

/** The part of a bundler output chunk that page preloads are computed from. */
export interface BuiltChunk {
  fileName: string
  /** Chunks this one imports statically. */
  imports: readonly string[]
  isEntry: boolean
  isDynamicEntry: boolean
  /** The source module the chunk stands for, when it stands for one. */
  facadeModuleId: string | null
}

// A page is src/app/routes/<page>-route.tsx and is served at /<page> (see src/app/router.tsx).
const PAGE_MODULE = /[\\/]src[\\/]app[\\/]routes[\\/]([a-z0-9-]+)-route\.tsx$/

function staticClosure(fileName: string, byFile: ReadonlyMap<string, BuiltChunk>): Set<string> {
  const seen = new Set<string>()
  const pending = [fileName]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue
    seen.add(next)
    pending.push(...(byFile.get(next)?.imports ?? []))
  }
  return seen
}

/**
 * For each page chunk, the chunk and the chunks it imports that the entry does not already load,
 * as URLs under `base`.
 * @example pagePreloads([entry, { fileName: 'assets/history-route-1.js', imports: ['assets/db-2.js'], isDynamicEntry: true, facadeModuleId: '/app/src/app/routes/history-route.tsx', … }], '/')
 * // → { history: ['/assets/history-route-1.js', '/assets/db-2.js'] }
 */
export function pagePreloads(chunks: readonly BuiltChunk[], base = '/'): PagePreloads {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const shell = new Set<string>()
  for (const chunk of chunks) {
    if (chunk.isEntry) for (const file of staticClosure(chunk.fileName, byFile)) shell.add(file)
  }
  const preloads: PagePreloads = {}
  for (const chunk of chunks) {
    const page = PAGE_MODULE.exec(chunk.facadeModuleId ?? '')?.[1]
    if (page === undefined || !chunk.isDynamicEntry) continue
    preloads[page] = [...staticClosure(chunk.fileName, byFile)]
      .filter((file) => !shell.has(file))
      .map((file) => `${base}${file}`)
  }
  return preloads
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')
}

/**
 * `html` with a modulepreload link, at the end of its head, for each chunk the page at `path` needs.
 * @example withPagePreloads('<head>\n</head>', '/history', { history: ['/assets/h.js'] })
 * // → '<head>\n  <link rel="modulepreload" crossorigin href="/assets/h.js">\n</head>'
 */
export function withPagePreloads(html: string, path: string, preloads: PagePreloads): string {
  const page = path.split('/')[1] ?? ''
  const files = Object.hasOwn(preloads, page) ? (preloads[page] ?? []) : []
  if (files.length === 0) return html
  return html.replace(/^([ \t]*)<\/head>/m, (closing, indent: string) => {
    const links = files.map(
      (file) =>
        `${indent}  <link rel="modulepreload" crossorigin href="${escapeAttribute(file)}">\n`,
    )
    return `${links.join('')}${closing}`
  })
}

/**
 * The built index.html for the page at `path`, with that page's preloads when the build wrote
 * them. Read on every request: a rebuild under a running server changes both files.
 */
export async function pageHtml(root: string, path: string): Promise<string> {
  const html = await readFile(join(root, 'index.html'), 'utf8')
  let preloads: PagePreloads
  try {
    preloads = JSON.parse(await readFile(join(root, PAGE_PRELOADS_FILE), 'utf8')) as PagePreloads
  } catch {
    // A build without the file (or a test's fake dist) still serves a working page.
    return html
  }
  return withPagePreloads(html, path, preloads)
}
