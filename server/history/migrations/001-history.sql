-- The team history: one row per request the console forwarded to FanPass (or imported from a
-- browser), the kept ID lists as hashed buckets, and the hashes of tokens FanPass accepted.
CREATE TABLE history_records (
  id uuid PRIMARY KEY,
  scope text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('segment', 'properties-request', 'properties-job')),
  origin text NOT NULL CHECK (origin IN ('console', 'browser-import')),
  created_at timestamptz NOT NULL,
  actor_name text,
  actor_sub text,
  fanpass_host text NOT NULL,
  tag text,
  title text,
  source_type integer,
  notes text,
  user_id_count integer,
  body_sha256 text,
  correlation_id text,
  http_status integer,
  messages jsonb NOT NULL DEFAULT '[]',
  errors jsonb NOT NULL DEFAULT '[]',
  job_id text,
  details jsonb NOT NULL DEFAULT '{}',
  annotations jsonb,
  list_state text NOT NULL DEFAULT 'none' CHECK (list_state IN ('none', 'storing', 'kept', 'pruned'))
);
CREATE INDEX history_records_by_time ON history_records (scope, created_at DESC);
CREATE INDEX history_records_by_tag ON history_records (scope, tag, created_at DESC);

-- A kept list is split by a hash of each ID into buckets, so "Find a fan" reads one small
-- compressed block per kept version instead of whole lists.
CREATE TABLE id_list_buckets (
  record_id uuid NOT NULL REFERENCES history_records (id) ON DELETE CASCADE,
  bucket smallint NOT NULL,
  id_count integer NOT NULL,
  ids bytea NOT NULL,
  PRIMARY KEY (bucket, record_id)
);
CREATE INDEX id_list_buckets_by_record ON id_list_buckets (record_id, bucket);

CREATE TABLE accepted_tokens (
  token_sha256 text PRIMARY KEY,
  scope text NOT NULL,
  expires_at timestamptz NOT NULL
);
