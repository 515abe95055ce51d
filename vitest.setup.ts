import { afterEach, beforeAll } from 'vitest'

// Testing Library (and React with it) is loaded only by the tests that render: importing it here
// for every file cost each of the ~90 Node-only test files a second or more of setup.
beforeAll(async () => {
  if (typeof document === 'undefined') return
  const { configure } = await import('@testing-library/react')
  // waitFor and findBy* wait up to 15 s, not 1: these tests prove what the page does, not how
  // fast (that is npm run bench). On CI's two cores, with the stories beside the unit tests, a
  // worker's answer took over 1 s (use-segment-upload-flow, 6 Dec) and a properties job's report
  // over 5 s (user-properties-page, 7 Dec, load 14). A passing wait returns as soon as it holds.
  configure({ asyncUtilTimeout: 15_000 })
})

afterEach(async () => {
  if (typeof document === 'undefined') return
  const { cleanup } = await import('@testing-library/react')
  cleanup()
})
