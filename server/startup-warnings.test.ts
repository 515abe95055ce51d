import { describe, expect, it } from 'vitest'
import { STARTUP_WARNINGS, startupWarnings } from './startup-warnings.ts'

describe('startup warnings', () => {
  it('tell a sandbox console that anyone on its port reads its history', () => {
    expect(
      startupWarnings({ host: '127.0.0.1', target: 'sandbox', historyScopeClaim: 'club' }),
    ).toEqual([STARTUP_WARNINGS.sandboxHistory])
  })

  it('say every accepted token reads the whole history when HOST is not loopback and no claim is set', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.7', 'console.example.com']) {
      expect(startupWarnings({ host, target: 'production', historyScopeClaim: undefined })).toEqual(
        [STARTUP_WARNINGS.wholeHistory],
      )
    }
  })

  it('say nothing for a loopback console, or for a served one with a scope claim', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) {
      expect(startupWarnings({ host, target: 'custom', historyScopeClaim: undefined })).toEqual([])
    }
    expect(
      startupWarnings({ host: '0.0.0.0', target: 'production', historyScopeClaim: 'club' }),
    ).toEqual([])
  })

  it('give both sentences to a sandbox served to the network without a claim', () => {
    expect(
      startupWarnings({ host: '0.0.0.0', target: 'sandbox', historyScopeClaim: undefined }),
    ).toEqual([STARTUP_WARNINGS.sandboxHistory, STARTUP_WARNINGS.wholeHistory])
  })
})
