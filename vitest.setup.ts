import { afterEach } from 'vitest'

// Testing Library (and React with it) is loaded only by the tests that render: importing it here
// for every file cost each of the ~90 Node-only test files a second or more of setup.
afterEach(async () => {
  if (typeof document === 'undefined') return
  const { cleanup } = await import('@testing-library/react')
  cleanup()
})
