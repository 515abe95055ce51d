import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeJwt, startRecordingServer } from '../testing/http-fixtures.ts'
import { startSigningFanpass, type SigningFanpass } from '../testing/signing-fanpass.ts'
import { UNUSED_RECIPES } from '../testing/unused-recipes.ts'
import type { AcceptedToken, HistoryStore } from './history-store.ts'
import {
  fanpassProbe,
  PROBE_BODY,
  TOKEN_SENTENCES,
  TokenChecker,
  type TokenCheckerOptions,
} from './token-check.ts'
import { CALLER_SENTENCES } from './who.ts'

const PRODUCTION = 'https://fanpass-api.fanreachdata.io'
const HOUR = 3_600_000

/** The grants of a store, in memory: the token check uses no other part of it. */
class GrantsOnly implements HistoryStore {
  grants: AcceptedToken[] = []
  private unused(): Promise<never> {
    return Promise.reject(new Error('the token check reads no records'))
  }
  readonly recipes = UNUSED_RECIPES
  insertRecord = () => this.unused()
  storeIdList = () => this.unused()
  listsBeingStored = () => this.unused()
  markListLost = () => this.unused()
  annotate = () => this.unused()
  listRecords = () => this.unused()
  getRecord = () => this.unused()
  latestAccepted = () => this.unused()
  findFan = () => this.unused()
  claimTag = () => this.unused()
  renewTagClaim = () => this.unused()
  releaseTagClaim = () => this.unused()
  async *readIdList() {
    yield* []
    await this.unused()
  }
  async rememberToken(grant: AcceptedToken) {
    this.grants = [
      ...this.grants.filter(
        (g) => g.tokenSha256 !== grant.tokenSha256 || g.fanpassHost !== grant.fanpassHost,
      ),
      grant,
    ]
  }
  async tokenScope(tokenSha256: string, fanpassHost: string, now: Date, acceptedSince: Date) {
    const found = this.grants.find(
      (g) =>
        g.tokenSha256 === tokenSha256 &&
        g.fanpassHost === fanpassHost &&
        g.expiresAt > now &&
        g.acceptedAt >= acceptedSince,
    )
    return found?.scope ?? null
  }
  async ping() {}
  async close() {}
}

let fanpass: SigningFanpass
beforeAll(async () => {
  fanpass = await startSigningFanpass()
})
afterAll(() => fanpass.close())

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600
const bearer = (token: string) => `Bearer ${token}`

function checker(overrides: Partial<TokenCheckerOptions> = {}) {
  const store = new GrantsOnly()
  const tokens = new TokenChecker({
    store: async () => store,
    sendProbe: fanpassProbe(new URL('/api/v1/update_user', fanpass.url)),
    scopeClaim: undefined,
    fanpassHost: PRODUCTION,
    grantHours: 12,
    calibrate: true,
    ...overrides,
  })
  return { tokens, store }
}

const probesWith = (token: string) =>
  fanpass.requests.filter((request) => request.authorization === bearer(token)).length

describe('the token check against a FanPass that verifies signatures', () => {
  it('proves a token FanPass signed by its documented 400, once a wrong-key and an alg none JWT were refused', async () => {
    const { tokens, store } = checker()
    const before = fanpass.requests.length
    const token = fanpass.sign({ sub: 'jane', exp: inAnHour() })
    expect(await tokens.check(bearer(token))).toEqual({ ok: true, scope: `${PRODUCTION}|` })
    const sent = fanpass.requests.slice(before)
    const algOf = (authorization: string | undefined) => {
      try {
        const header = (authorization ?? '').replace(/^Bearer /, '').split('.')[0] ?? ''
        return (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown })
          .alg
      } catch {
        return null
      }
    }
    const calibration = sent.filter((request) => request.authorization !== bearer(token))
    expect(calibration.map((request) => algOf(request.authorization))).toEqual(
      expect.arrayContaining(['HS256', 'none']),
    )
    expect(sent.every((request) => request.path === '/api/v1/update_user')).toBe(true)
    expect(sent.every((request) => request.body === PROBE_BODY)).toBe(true)
    expect(store.grants).toMatchObject([{ fanpassHost: PRODUCTION, scope: `${PRODUCTION}|` }])
  })

  it('refuses a JWT signed with a wrong key, an unsigned one and an expired one', async () => {
    const { tokens, store } = checker()
    const payload = { sub: 'mallory', exp: inAnHour() }
    for (const token of [
      fakeJwt(payload),
      fakeJwt(payload, { alg: 'none', typ: 'JWT' }).replace(/\.[^.]*$/, '.'),
    ]) {
      expect(await tokens.check(bearer(token))).toEqual({
        ok: false,
        status: 401,
        sentence: TOKEN_SENTENCES.refused,
      })
    }
    const expiredBySignature = fanpass.sign({ sub: 'jane', exp: Math.floor(Date.now() / 1000) - 5 })
    expect(await tokens.check(bearer(expiredBySignature))).toMatchObject({
      ok: false,
      sentence: TOKEN_SENTENCES.expired,
    })
    expect(store.grants).toEqual([])
  })

  it('proves nothing through a FanPass that accepts an alg none or wrong-key JWT, as the sandbox does', async () => {
    const documented = JSON.stringify({
      status: 400,
      messages: [],
      errors: ['Missing required fields: userIds, userProperties'],
    })
    // Refuses strings that are no JWT, answers every JWT as valid: only a JWT calibration sees it.
    const lax = await startRecordingServer((request, res) => {
      const isJwt = (request.headers.authorization ?? '').split('.').length === 3
      res.writeHead(isJwt ? 400 : 401, { 'content-type': 'application/json' })
      res.end(isJwt ? documented : '{"status":401,"messages":[],"errors":["no"]}')
    })
    try {
      const { tokens, store } = checker({
        sendProbe: fanpassProbe(new URL('/api/v1/update_user', lax.url)),
      })
      expect(
        await tokens.check(bearer(fakeJwt({ jti: randomUUID(), sub: 'anyone', exp: inAnHour() }))),
      ).toEqual({
        ok: false,
        status: 401,
        sentence: TOKEN_SENTENCES.unprovable,
      })
      expect(store.grants).toEqual([])
    } finally {
      await lax.close()
    }
  })

  it('takes only the documented answer as proof, and calibrates again after an odd one', async () => {
    let oddFor = ''
    const odd = await startRecordingServer((request, res) => {
      const valid = request.headers.authorization === bearer(oddFor)
      res.writeHead(valid ? 400 : 401, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: 400, messages: [], errors: ['Something else entirely'] }))
    })
    try {
      const { tokens, store } = checker({
        sendProbe: fanpassProbe(new URL('/api/v1/update_user', odd.url)),
      })
      oddFor = fakeJwt({ jti: randomUUID(), sub: 'jane', exp: inAnHour() })
      expect(await tokens.check(bearer(oddFor))).toMatchObject({
        ok: false,
        status: 503,
        sentence: TOKEN_SENTENCES.unreachable,
      })
      expect(store.grants).toEqual([])
      const calibrations = odd.requests.length - 1
      expect(calibrations).toBe(3)
      await tokens.check(bearer(fakeJwt({ jti: randomUUID(), sub: 'sam', exp: inAnHour() })))
      // Three calibration probes again, then Sam's own.
      expect(odd.requests.length).toBe(1 + calibrations + calibrations + 1)
    } finally {
      await odd.close()
    }
  })

  it('asks FanPass once for 20 concurrent reads with one unknown token, and answers its refusal from memory for a minute', async () => {
    let now = Date.now()
    const { tokens } = checker({ now: () => now })
    const unknown = fakeJwt({ jti: randomUUID(), sub: 'mallory', exp: inAnHour() })
    const checks = await Promise.all(
      Array.from({ length: 20 }, () => tokens.check(bearer(unknown))),
    )
    expect(checks.every((check) => !check.ok && check.sentence === TOKEN_SENTENCES.refused)).toBe(
      true,
    )
    expect(probesWith(unknown)).toBe(1)
    now += 59_000
    await tokens.check(bearer(unknown))
    expect(probesWith(unknown)).toBe(1)
    now += 2_000
    await tokens.check(bearer(unknown))
    expect(probesWith(unknown)).toBe(2)
  })

  it('asks FanPass about at most 60 different unknown tokens a minute', async () => {
    const now = Date.now()
    const { tokens } = checker({ now: () => now })
    const before = fanpass.requests.length
    const answers = await Promise.all(
      Array.from({ length: 70 }, (_, i) =>
        tokens.check(bearer(fakeJwt({ jti: randomUUID(), sub: `bot-${i}`, exp: inAnHour() }))),
      ),
    )
    const calibration = 3
    expect(fanpass.requests.length - before).toBe(60 + calibration)
    expect(answers.filter((a) => !a.ok && a.sentence === TOKEN_SENTENCES.busy)).toHaveLength(10)
  })

  it('lets a remembered grant last at most grantHours, whatever exp says', async () => {
    let now = Date.now()
    const { tokens } = checker({ now: () => now, grantHours: 12 })
    const token = fanpass.sign({ sub: 'jane', exp: Math.floor(now / 1000) + 30 * 24 * 3600 })
    expect(await tokens.check(bearer(token))).toMatchObject({ ok: true })
    expect(probesWith(token)).toBe(1)
    now += 11 * HOUR
    expect(await tokens.check(bearer(token))).toMatchObject({ ok: true })
    expect(probesWith(token)).toBe(1)
    now += 2 * HOUR
    // The grant is over: the token proves itself to FanPass again.
    expect(await tokens.check(bearer(token))).toMatchObject({ ok: true })
    expect(probesWith(token)).toBe(2)
  })

  it('calibrates again after ten minutes', async () => {
    let now = Date.now()
    const { tokens } = checker({ now: () => now })
    const before = fanpass.requests.length
    await tokens.check(bearer(fanpass.sign({ sub: 'a', exp: inAnHour() })))
    expect(fanpass.requests.length - before).toBe(3 + 1)
    now += 5 * 60_000
    await tokens.check(bearer(fanpass.sign({ sub: 'b', exp: inAnHour() })))
    expect(fanpass.requests.length - before).toBe(3 + 1 + 1)
    now += 6 * 60_000
    await tokens.check(bearer(fanpass.sign({ sub: 'c', exp: inAnHour() })))
    expect(fanpass.requests.length - before).toBe(3 + 1 + 1 + 3 + 1)
  })

  it("does not let a grant from the sandbox's host open a real host's history", async () => {
    const { tokens, store } = checker()
    const unsigned = fakeJwt(
      { jti: randomUUID(), sub: 'mallory', exp: inAnHour() },
      { alg: 'none', typ: 'JWT' },
    )
    const sandbox = new TokenChecker({
      store: async () => store,
      sendProbe: async () => ({
        status: 400,
        errors: ['Missing required fields: userIds, userProperties'],
      }),
      scopeClaim: undefined,
      fanpassHost: 'sandbox',
      grantHours: 12,
      calibrate: false,
    })
    expect(await sandbox.check(bearer(unsigned))).toEqual({ ok: true, scope: 'sandbox|' })
    expect(await tokens.check(bearer(unsigned))).toEqual({
      ok: false,
      status: 401,
      sentence: TOKEN_SENTENCES.refused,
    })
  })
})

describe('the token check with HISTORY_SCOPE_CLAIM set', () => {
  it.each([
    ['no claim', {}],
    ['an array', { club: ['lions'] }],
    ['an object', { club: { name: 'lions' } }],
    ['an empty string', { club: '' }],
    ['blanks', { club: '  ' }],
    ['null', { club: null }],
    ['a boolean', { club: true }],
  ])('lets a token with %s read nothing, and says why', async (_what, claims) => {
    const { tokens } = checker({ scopeClaim: 'club' })
    const token = fanpass.sign({ sub: 'jane', exp: inAnHour(), ...claims })
    expect(await tokens.check(bearer(token))).toEqual({
      ok: false,
      status: 401,
      sentence: CALLER_SENTENCES.noClaim('club'),
    })
    expect(probesWith(token)).toBe(0)
  })

  it('keeps claim 7 and claim "7" apart', async () => {
    const { tokens } = checker({ scopeClaim: 'club' })
    const asNumber = await tokens.check(
      bearer(fanpass.sign({ sub: 'a', exp: inAnHour(), club: 7 })),
    )
    const asText = await tokens.check(
      bearer(fanpass.sign({ sub: 'b', exp: inAnHour(), club: '7' })),
    )
    expect(asNumber).toEqual({ ok: true, scope: `${PRODUCTION}|n:7` })
    expect(asText).toEqual({ ok: true, scope: `${PRODUCTION}|s:7` })
  })
})

describe('the token check with an absurd exp', () => {
  it.each([
    ['1e13', 1e13],
    ['negative', -5],
    ['before 2000', Date.UTC(1999, 11, 31) / 1000],
    ['a string', 'tomorrow'],
    ['an object', { at: 1 }],
  ])('refuses exp %s with a sentence, without asking FanPass', async (_what, exp) => {
    const { tokens } = checker()
    const token = fanpass.sign({ sub: 'jane', exp })
    expect(await tokens.check(bearer(token))).toEqual({
      ok: false,
      status: 401,
      sentence: CALLER_SENTENCES.absurdExp,
    })
    expect(probesWith(token)).toBe(0)
  })
})
