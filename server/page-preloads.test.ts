import { describe, expect, it } from 'vitest'
import { pagePreloads, withPagePreloads, type BuiltChunk } from './page-preloads.ts'

const chunk = (fileName: string, more: Partial<BuiltChunk> = {}): BuiltChunk => ({
  fileName,
  imports: [],
  isEntry: false,
  isDynamicEntry: false,
  facadeModuleId: null,
  ...more,
})

const page = (name: string, imports: string[]) =>
  chunk(`assets/${name}-route-1.js`, {
    imports,
    isDynamicEntry: true,
    facadeModuleId: `/home/me/console/src/app/routes/${name}-route.tsx`,
  })

describe('pagePreloads', () => {
  it('lists each page chunk and what it imports, transitively, minus what the entry loads', () => {
    const chunks = [
      chunk('assets/index-1.js', { isEntry: true, imports: ['assets/react-1.js'] }),
      chunk('assets/react-1.js'),
      chunk('assets/table-1.js', { imports: ['assets/format-1.js', 'assets/react-1.js'] }),
      chunk('assets/format-1.js'),
      page('history', ['assets/table-1.js', 'assets/react-1.js']),
      page('settings', []),
      // A lazily loaded chunk that is not a page gets no entry of its own.
      chunk('assets/history-db-1.js', {
        isDynamicEntry: true,
        facadeModuleId: '/home/me/console/src/lib/history/history-db.ts',
      }),
    ]
    expect(pagePreloads(chunks, '/')).toEqual({
      history: ['/assets/history-route-1.js', '/assets/table-1.js', '/assets/format-1.js'],
      settings: ['/assets/settings-route-1.js'],
    })
  })

  it('puts the base path in front of each file', () => {
    expect(pagePreloads([page('settings', [])], '/console/')).toEqual({
      settings: ['/console/assets/settings-route-1.js'],
    })
  })
})

describe('withPagePreloads', () => {
  const html = '<html>\n  <head>\n    <title>FanPass Console</title>\n  </head>\n</html>'
  const preloads = { history: ['/assets/history-route-1.js', '/assets/table-1.js'] }

  it('adds a modulepreload link per chunk at the end of the head for that page', () => {
    expect(withPagePreloads(html, '/history', preloads)).toBe(
      '<html>\n  <head>\n    <title>FanPass Console</title>\n' +
        '    <link rel="modulepreload" crossorigin href="/assets/history-route-1.js">\n' +
        '    <link rel="modulepreload" crossorigin href="/assets/table-1.js">\n' +
        '  </head>\n</html>',
    )
  })

  it('leaves other pages, and names inherited from Object, as they are', () => {
    for (const path of ['/', '/segments', '/constructor', '/__proto__', '/history-old']) {
      expect(withPagePreloads(html, path, preloads)).toBe(html)
    }
  })
})
