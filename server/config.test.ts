import { describe, expect, it } from 'vitest'
import { classifyUpstream, readServerConfig, ServerConfigError } from './config.ts'

describe('readServerConfig', () => {
  it('runs against the sandbox on 127.0.0.1:3000 with the documented defaults', () => {
    expect(readServerConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      fanpassApiUrl: undefined,
      bodyLimitBytes: 268_435_456,
      upstreamTimeoutMs: 120_000,
      sandboxPort: 4010,
      logLevel: 'warn',
      dataDir: './data',
      databaseUrl: undefined,
      historyKeepLists: 10,
      historyScopeClaim: undefined,
      historyGrantHours: 12,
      metrics: false,
      headersTimeoutMs: 30_000,
      bodyIdleTimeoutMs: 60_000,
      minBodyBytesPerSecond: 512,
      maxRecordedUploads: 32,
      spoolBudgetBytes: 2 * 1024 * 1024 * 1024,
    })
  })

  it('treats an empty FANPASS_API_URL as the sandbox', () => {
    expect(readServerConfig({ FANPASS_API_URL: '' }).fanpassApiUrl).toBeUndefined()
    expect(readServerConfig({ FANPASS_API_URL: '  ' }).fanpassApiUrl).toBeUndefined()
  })

  it('reads every variable', () => {
    const config = readServerConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      FANPASS_API_URL: 'https://fanpass-api.fanreachdata.io',
      BODY_LIMIT_BYTES: '1048576',
      UPSTREAM_TIMEOUT_MS: '5000',
      SANDBOX_PORT: '4011',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/fanpass-console',
      DATABASE_URL: 'postgres://console@db:5432/history',
      HISTORY_KEEP_LISTS: '3',
      HISTORY_SCOPE_CLAIM: 'club',
      HISTORY_GRANT_HOURS: '2',
    })

    expect(config).toMatchObject({
      dataDir: '/var/lib/fanpass-console',
      databaseUrl: 'postgres://console@db:5432/history',
      historyKeepLists: 3,
      historyScopeClaim: 'club',
      historyGrantHours: 2,
      port: 8080,
      host: '0.0.0.0',
      bodyLimitBytes: 1_048_576,
      upstreamTimeoutMs: 5000,
      sandboxPort: 4011,
      logLevel: 'debug',
    })
    expect(config.fanpassApiUrl?.href).toBe('https://fanpass-api.fanreachdata.io/')
  })

  it.each([
    'http://127.0.0.1:4010',
    'http://localhost:8080',
    'http://[::1]:9000',
    'https://staging.example.com',
  ])('accepts %s', (url) => {
    expect(readServerConfig({ FANPASS_API_URL: url }).fanpassApiUrl).toBeInstanceOf(URL)
  })

  it.each([
    [
      { FANPASS_API_URL: 'http://fanpass-api.fanreachdata.io' },
      'FANPASS_API_URL must be an https URL, or http only for loopback',
    ],
    [
      { FANPASS_API_URL: 'http://192.168.1.10:4010' },
      'FANPASS_API_URL must be an https URL, or http only for loopback',
    ],
    [{ FANPASS_API_URL: 'ftp://example.com' }, 'FANPASS_API_URL must be an https URL'],
    [
      { FANPASS_API_URL: 'fanpass-api.fanreachdata.io' },
      'FANPASS_API_URL must be a URL such as https://fanpass-api.fanreachdata.io.',
    ],
    [
      { FANPASS_API_URL: 'https://me:secret@example.com' },
      'FANPASS_API_URL must not contain a user name or password.',
    ],
    [
      { FANPASS_API_URL: 'https://example.com/?x=1' },
      'FANPASS_API_URL must not contain a query string',
    ],
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535.'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535.'],
    [{ BODY_LIMIT_BYTES: '256MB' }, 'BODY_LIMIT_BYTES must be a whole number'],
    [{ BODY_LIMIT_BYTES: '0' }, 'BODY_LIMIT_BYTES must be a whole number from 1'],
    [{ UPSTREAM_TIMEOUT_MS: '-5' }, 'UPSTREAM_TIMEOUT_MS must be a whole number'],
    [{ SANDBOX_PORT: '4010.5' }, 'SANDBOX_PORT must be a whole number'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ HISTORY_GRANT_HOURS: '13' }, 'HISTORY_GRANT_HOURS must be a whole number from 1 to 12.'],
    [{ HISTORY_GRANT_HOURS: '0' }, 'HISTORY_GRANT_HOURS must be a whole number from 1 to 12.'],
    [{ HISTORY_GRANT_HOURS: '1.5' }, 'HISTORY_GRANT_HOURS must be a whole number from 1 to 12.'],
    [
      { HISTORY_GRANT_HOURS: 'forever' },
      'HISTORY_GRANT_HOURS must be a whole number from 1 to 12.',
    ],
  ])('refuses %j with a sentence', (env, sentence) => {
    expect(() => readServerConfig(env)).toThrow(ServerConfigError)
    expect(() => readServerConfig(env)).toThrow(sentence)
  })

  it('reports every problem at once', () => {
    expect(() => readServerConfig({ PORT: 'x', FANPASS_API_URL: 'http://example.com' })).toThrow(
      /PORT must be .*FANPASS_API_URL must be an https URL/,
    )
  })
})

describe('the operations settings (#21)', () => {
  it('reads METRICS and the connection and recording limits', () => {
    expect(
      readServerConfig({
        METRICS: '1',
        HEADERS_TIMEOUT_MS: '10000',
        BODY_IDLE_TIMEOUT_MS: '20000',
        MIN_BODY_BYTES_PER_SECOND: '0',
        MAX_RECORDED_UPLOADS: '2',
        SPOOL_BUDGET_BYTES: '1048576',
      }),
    ).toMatchObject({
      metrics: true,
      headersTimeoutMs: 10_000,
      bodyIdleTimeoutMs: 20_000,
      minBodyBytesPerSecond: 0,
      maxRecordedUploads: 2,
      spoolBudgetBytes: 1_048_576,
    })
  })

  it.each([
    [{ METRICS: 'yes' }, 'METRICS must be 1 (serve /metrics) or 0 (the default).'],
    [{ HEADERS_TIMEOUT_MS: '10' }, 'HEADERS_TIMEOUT_MS must be a whole number from 1000'],
    [{ BODY_IDLE_TIMEOUT_MS: 'soon' }, 'BODY_IDLE_TIMEOUT_MS must be a whole number'],
    [{ MIN_BODY_BYTES_PER_SECOND: '-1' }, 'MIN_BODY_BYTES_PER_SECOND must be a whole number'],
    [{ MAX_RECORDED_UPLOADS: '0' }, 'MAX_RECORDED_UPLOADS must be a whole number from 1 to 1000.'],
    [{ SPOOL_BUDGET_BYTES: '1024' }, 'SPOOL_BUDGET_BYTES must be a whole number from 1048576'],
  ])('refuses %j with a sentence', (env, sentence) => {
    expect(() => readServerConfig(env)).toThrow(sentence)
  })
})

describe('classifyUpstream', () => {
  it('knows production by its host only', () => {
    expect(classifyUpstream(new URL('https://fanpass-api.fanreachdata.io'))).toBe('production')
    expect(classifyUpstream(new URL('https://fanpass-api.fanreachdata.io.evil.example'))).toBe(
      'custom',
    )
    expect(classifyUpstream(new URL('http://127.0.0.1:4010'))).toBe('custom')
  })
})
