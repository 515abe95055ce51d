import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { PAGE_PRELOADS_FILE, pagePreloads } from './server/page-preloads.ts'

/** Writes which chunks each page needs, for the server to name in that page's HTML. */
function pagePreloadsFile(): Plugin {
  let base = '/'
  return {
    name: 'fanpass-page-preloads',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' ? [output] : [],
      )
      this.emitFile({
        type: 'asset',
        fileName: PAGE_PRELOADS_FILE,
        source: JSON.stringify(pagePreloads(chunks, base), null, 2),
      })
    },
  }
}

export default defineConfig({
  plugins: [react(), pagePreloadsFile()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
})
