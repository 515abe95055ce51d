import {
  ListNotKeptError,
  type AcceptedToken,
  type FanVersion,
  type HistoryRecord,
  type HistoryStore,
  type ListBeingStored,
  type NewHistoryRecord,
  type RecordAnnotations,
  type TagClaim,
} from './history-store.ts'
import { bucketLines, bucketOf, idLine, type IdBlock, type KeptIdList } from './id-buckets.ts'
import { migrate } from './migrate.ts'
import { SqlRecipeStore } from './recipe-store.ts'
import { asBuffer, asIsoTime, type SqlClient } from './sql-client.ts'

interface RecordRow {
  id: string
  scope: string
  kind: NewHistoryRecord['kind']
  origin: NewHistoryRecord['origin']
  created_at: unknown
  actor_name: string | null
  actor_sub: string | null
  fanpass_host: string
  tag: string | null
  title: string | null
  source_type: number | null
  notes: string | null
  user_id_count: number | null
  body_sha256: string | null
  correlation_id: string | null
  http_status: number | null
  messages: string[]
  errors: string[]
  job_id: string | null
  batch_id: string | null
  details: Record<string, unknown>
  annotations: RecordAnnotations | null
  list_state: NewHistoryRecord['listState']
}

function fromRow(row: RecordRow): HistoryRecord {
  return {
    id: row.id,
    scope: row.scope,
    kind: row.kind,
    origin: row.origin,
    createdAt: asIsoTime(row.created_at),
    actorName: row.actor_name,
    actorSub: row.actor_sub,
    fanpassHost: row.fanpass_host,
    tag: row.tag,
    title: row.title,
    sourceType: row.source_type,
    notes: row.notes,
    userIdCount: row.user_id_count,
    bodySha256: row.body_sha256,
    correlationId: row.correlation_id,
    httpStatus: row.http_status,
    messages: row.messages,
    errors: row.errors,
    jobId: row.job_id,
    batchId: row.batch_id,
    details: row.details,
    annotations: row.annotations,
    listState: row.list_state,
  }
}

const CHUNKS_PER_READ = 4
const ACCEPTED = 'http_status BETWEEN 200 AND 299'

/** The history store over any SqlClient: PGlite (openPgliteClient) or a server (openPgClient). */
export class SqlHistoryStore implements HistoryStore {
  readonly recipes: SqlRecipeStore

  private constructor(private readonly db: SqlClient) {
    this.recipes = new SqlRecipeStore(db)
  }

  /** Opens the store on `client`, applying the migrations it has not seen yet. */
  static async open(client: SqlClient): Promise<SqlHistoryStore> {
    await migrate(client)
    return new SqlHistoryStore(client)
  }

  async insertRecord(record: NewHistoryRecord): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO history_records (id, scope, kind, origin, created_at, actor_name, actor_sub,
         fanpass_host, tag, title, source_type, notes, user_id_count, body_sha256, correlation_id,
         http_status, messages, errors, job_id, details, list_state, batch_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
         $17::jsonb, $18::jsonb, $19, $20::jsonb, $21, $22)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        record.id,
        record.scope,
        record.kind,
        record.origin,
        record.createdAt,
        record.actorName,
        record.actorSub,
        record.fanpassHost,
        record.tag,
        record.title,
        record.sourceType,
        record.notes,
        record.userIdCount,
        record.bodySha256,
        record.correlationId,
        record.httpStatus,
        JSON.stringify(record.messages),
        JSON.stringify(record.errors),
        record.jobId,
        JSON.stringify(record.details),
        record.listState,
        // A record spooled to DATA_DIR/pending before batches existed has no batchId.
        record.batchId ?? null,
      ],
    )
    return rows.length === 1
  }

  async storeIdList(recordId: string, list: KeptIdList, keep: number) {
    const [record] = await this.db.query<{ list_state: string }>(
      'SELECT list_state FROM history_records WHERE id = $1',
      [recordId],
    )
    if (record?.list_state !== 'storing') return
    // Bucket by bucket, outside a transaction, so the embedded database (one connection)
    // keeps answering reads meanwhile; readers see the list only once it is marked kept.
    for await (const bucket of list.buckets) {
      await this.db.query(
        `INSERT INTO id_list_buckets (record_id, bucket, id_count, ids) VALUES ($1, $2, $3, $4)
         ON CONFLICT (bucket, record_id) DO NOTHING`,
        [recordId, bucket.index, bucket.count, bucket.data],
      )
    }
    for await (const chunk of list.chunks) {
      await this.db.query(
        `INSERT INTO id_list_chunks (record_id, chunk, id_count, ids) VALUES ($1, $2, $3, $4)
         ON CONFLICT (record_id, chunk) DO NOTHING`,
        [recordId, chunk.index, chunk.count, chunk.data],
      )
    }
    await this.db.transaction(async (tx) => {
      const [kept] = await tx.query<{ scope: string; tag: string }>(
        `UPDATE history_records SET list_state = 'kept' WHERE id = $1 RETURNING scope, tag`,
        [recordId],
      )
      if (!kept) return
      // Serialises pruning per tag across replicas, so two new lists cannot both keep 11.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${kept.scope}/${kept.tag}`])
      const pruned = await tx.query<{ id: string }>(
        `UPDATE history_records SET list_state = 'pruned' WHERE id IN (
           SELECT id FROM history_records WHERE scope = $1 AND tag = $2 AND list_state = 'kept'
           ORDER BY created_at DESC, id DESC OFFSET $3)
         RETURNING id`,
        [kept.scope, kept.tag, keep],
      )
      if (pruned.length > 0) {
        const prunedIds = pruned.map((row) => row.id)
        await tx.query('DELETE FROM id_list_buckets WHERE record_id = ANY($1::uuid[])', [prunedIds])
        await tx.query('DELETE FROM id_list_chunks WHERE record_id = ANY($1::uuid[])', [prunedIds])
      }
    })
  }

  async listsBeingStored(): Promise<ListBeingStored[]> {
    const rows = await this.db.query<{
      id: string
      user_id_count: number | null
      created_at: unknown
    }>(`SELECT id, user_id_count, created_at FROM history_records WHERE list_state = 'storing'`)
    return rows.map((row) => ({
      id: row.id,
      userIdCount: row.user_id_count ?? 0,
      createdAt: asIsoTime(row.created_at),
    }))
  }

  async markListLost(recordId: string) {
    await this.db.query(
      `UPDATE history_records SET list_state = 'lost' WHERE id = $1 AND list_state = 'storing'`,
      [recordId],
    )
  }

  async annotate(scope: string, recordId: string, annotations: RecordAnnotations) {
    const rows = await this.db.query<{ id: string }>(
      'UPDATE history_records SET annotations = $3::jsonb WHERE scope = $1 AND id = $2 RETURNING id',
      [scope, recordId, JSON.stringify(annotations)],
    )
    return rows.length === 1
  }

  async listRecords(scope: string, limit: number) {
    const rows = await this.db.query<RecordRow>(
      'SELECT * FROM history_records WHERE scope = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
      [scope, limit],
    )
    return rows.map(fromRow)
  }

  async getRecord(scope: string, recordId: string) {
    const [row] = await this.db.query<RecordRow>(
      'SELECT * FROM history_records WHERE scope = $1 AND id = $2',
      [scope, recordId],
    )
    return row ? fromRow(row) : null
  }

  async latestAccepted(scope: string, tag: string) {
    const [row] = await this.db.query<RecordRow>(
      `SELECT * FROM history_records WHERE scope = $1 AND tag = $2 AND kind = 'segment' AND ${ACCEPTED}
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [scope, tag],
    )
    return row ? fromRow(row) : null
  }

  async *readIdList(scope: string, recordId: string): AsyncGenerator<IdBlock> {
    // The state and the chunks' number in one statement, so one snapshot: a prune marks the
    // record and deletes its chunks in one transaction, and this sees both or neither.
    const [list] = await this.db.query<{ list_state: string; chunks: number | string }>(
      `SELECT r.list_state, count(c.chunk) AS chunks FROM history_records r
       LEFT JOIN id_list_chunks c ON c.record_id = r.id
       WHERE r.scope = $1 AND r.id = $2 GROUP BY r.id, r.list_state`,
      [scope, recordId],
    )
    if (list?.list_state !== 'kept') throw new ListNotKeptError()
    const chunks = Number(list.chunks)
    // A few chunks per query: a 10M-ID list streams out a few MB at a time, and a 1M-ID one in
    // 3 round trips (each costs milliseconds on the embedded database). Not one transaction:
    // PGlite's would stop every other query while a slow client reads. A prune between two
    // queries leaves the later ones empty, so the chunks are counted against the first look.
    let next = 0
    for (let first = 0; first < chunks; first += CHUNKS_PER_READ) {
      const rows = await this.db.query<{ chunk: number; id_count: number; ids: unknown }>(
        'SELECT chunk, id_count, ids FROM id_list_chunks WHERE record_id = $1 AND chunk >= $2 AND chunk < $3 ORDER BY chunk',
        [recordId, first, first + CHUNKS_PER_READ],
      )
      for (const row of rows) {
        if (row.chunk !== next) throw new ListNotKeptError()
        next += 1
        yield { index: row.chunk, count: row.id_count, data: asBuffer(row.ids) }
      }
      if (rows.length < Math.min(CHUNKS_PER_READ, chunks - first)) throw new ListNotKeptError()
    }
  }

  async findFan(scope: string, userId: string): Promise<FanVersion[]> {
    const rows = await this.db.query<{
      id: string
      tag: string
      title: string | null
      created_at: unknown
      actor_name: string | null
      user_id_count: number | null
      ids: unknown
    }>(
      `SELECT r.id, r.tag, r.title, r.created_at, r.actor_name, r.user_id_count, b.ids
       FROM history_records r
       LEFT JOIN id_list_buckets b ON b.record_id = r.id AND b.bucket = $2
       WHERE r.scope = $1 AND r.kind = 'segment' AND r.list_state = 'kept'
       ORDER BY r.tag, r.created_at, r.id`,
      [scope, bucketOf(userId)],
    )
    const wanted = idLine(userId)
    const versions = rows.map((row) => ({
      recordId: row.id,
      tag: row.tag,
      title: row.title,
      createdAt: asIsoTime(row.created_at),
      actorName: row.actor_name,
      idCount: row.user_id_count ?? 0,
      containsId: row.ids !== null && bucketLines(asBuffer(row.ids)).includes(wanted),
    }))
    const tagsWithId = new Set(versions.filter((v) => v.containsId).map((v) => v.tag))
    return versions.filter((version) => tagsWithId.has(version.tag))
  }

  async rememberToken(grant: AcceptedToken) {
    await this.db.query(
      `INSERT INTO accepted_tokens (token_sha256, fanpass_host, scope, accepted_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (token_sha256, fanpass_host)
       DO UPDATE SET scope = EXCLUDED.scope, accepted_at = EXCLUDED.accepted_at,
         expires_at = EXCLUDED.expires_at`,
      [
        grant.tokenSha256,
        grant.fanpassHost,
        grant.scope,
        grant.acceptedAt.toISOString(),
        grant.expiresAt.toISOString(),
      ],
    )
    // Expired hashes serve no one; dropping them here keeps the table the size of the team.
    await this.db.query('DELETE FROM accepted_tokens WHERE expires_at <= now()')
  }

  async tokenScope(tokenSha256: string, fanpassHost: string, now: Date, acceptedSince: Date) {
    const [row] = await this.db.query<{ scope: string }>(
      `SELECT scope FROM accepted_tokens
       WHERE token_sha256 = $1 AND fanpass_host = $2 AND expires_at > $3 AND accepted_at >= $4`,
      [tokenSha256, fanpassHost, now.toISOString(), acceptedSince.toISOString()],
    )
    return row?.scope ?? null
  }

  async claimTag(claim: TagClaim, ttlMs: number) {
    // Compare-and-set on the primary key: a row that has not expired is left alone, so a
    // concurrent claim waits for the other's insert and then finds it held.
    const taken = await this.db.query<{ claim_id: string }>(
      `INSERT INTO tag_send_claims (scope, tag, claim_id, actor_name, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8))
       ON CONFLICT (scope, tag) DO UPDATE SET claim_id = EXCLUDED.claim_id,
         actor_name = EXCLUDED.actor_name, expires_at = EXCLUDED.expires_at
       WHERE tag_send_claims.expires_at <= now()
       RETURNING claim_id`,
      [claim.scope, claim.tag, claim.claimId, claim.actorName, ttlMs / 1000],
    )
    if (taken.length === 1) return { taken: true as const }
    const [holder] = await this.db.query<{ actor_name: string | null }>(
      'SELECT actor_name FROM tag_send_claims WHERE scope = $1 AND tag = $2',
      [claim.scope, claim.tag],
    )
    return { taken: false as const, heldBy: holder?.actor_name ?? null }
  }

  async renewTagClaim(claimId: string, ttlMs: number) {
    const rows = await this.db.query<{ claim_id: string }>(
      `UPDATE tag_send_claims SET expires_at = now() + make_interval(secs => $2::float8)
       WHERE claim_id = $1 RETURNING claim_id`,
      [claimId, ttlMs / 1000],
    )
    return rows.length === 1
  }

  async releaseTagClaim(claimId: string) {
    await this.db.query('DELETE FROM tag_send_claims WHERE claim_id = $1', [claimId])
  }

  async ping() {
    await this.db.query('SELECT 1')
  }

  close() {
    return this.db.close()
  }
}
