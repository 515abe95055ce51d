import { afterEach, beforeAll } from 'vitest'

// Testing Library (and React with it) is loaded only by the tests that render: importing it here
// for every file cost each of the ~90 Node-only test files a second or more of setup.
beforeAll(async () => {
  if (typeof document === 'undefined') return
  const { configure } = await import('@testing-library/react')
  // waitFor and findBy* wait 5 s, not 1: a worker's answer took longer than 1 s on CI's two
  // cores with the stories beside the unit tests (use-segment-upload-flow, 6 Dec).
  configure({ asyncUtilTimeout: 5_000 })
})

afterEach(async () => {
  if (typeof document === 'undefined') return
  const { cleanup } = await import('@testing-library/react')
  cleanup()
})
