import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openPgliteClient } from './pglite-client.ts'
import { SqlHistoryStore } from './sql-history-store.ts'

const dir = mkdtempSync(join(tmpdir(), 'fanpass-migration-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BEFORE_GRANTS_PER_HOST = ['001-history.sql', '002-ordered-id-lists.sql']

describe('the migration that gives grants a FanPass host', () => {
  it('moves records made before it to the scope of their host, and drops grants that named none', async () => {
    const client = await openPgliteClient(join(dir, 'pglite'))
    await client.query(
      'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    for (const name of BEFORE_GRANTS_PER_HOST) {
      const sql = readFileSync(
        fileURLToPath(new URL(`./migrations/${name}`, import.meta.url)),
        'utf8',
      )
      for (const statement of sql.split(/;\s*$/m).map((s) => s.replace(/^\s*--.*$/gm, '').trim())) {
        if (statement !== '') await client.query(statement)
      }
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name])
    }
    const old = [
      ['10000000-0000-4000-8000-000000000001', '', 'fanpass-api.fanreachdata.io'],
      ['10000000-0000-4000-8000-000000000002', 'lions', 'fanpass-api.fanreachdata.io'],
      ['10000000-0000-4000-8000-000000000003', '7', 'fanpass-api.fanreachdata.io'],
      ['10000000-0000-4000-8000-000000000004', '', '127.0.0.1:4010'],
    ]
    for (const [id, scope, host] of old) {
      await client.query(
        `INSERT INTO history_records (id, scope, kind, origin, created_at, fanpass_host)
         VALUES ($1, $2, 'segment', 'console', now(), $3)`,
        [id, scope, host],
      )
    }
    await client.query(
      `INSERT INTO accepted_tokens (token_sha256, scope, expires_at) VALUES ($1, '', now() + interval '1 hour')`,
      ['f'.repeat(64)],
    )

    const store = await SqlHistoryStore.open(client)
    const scopes = await client.query<{ id: string; scope: string }>(
      'SELECT id, scope FROM history_records ORDER BY id',
    )
    expect(scopes.map((row) => row.scope)).toEqual([
      'https://fanpass-api.fanreachdata.io|',
      'https://fanpass-api.fanreachdata.io|s:lions',
      'https://fanpass-api.fanreachdata.io|n:7',
      'http://127.0.0.1:4010|',
    ])
    const anHourAgo = new Date(Date.now() - 3_600_000)
    for (const host of ['https://fanpass-api.fanreachdata.io', '']) {
      expect(await store.tokenScope('f'.repeat(64), host, new Date(), anHourAgo)).toBeNull()
    }
    await store.close()
  }, 180_000)
})
