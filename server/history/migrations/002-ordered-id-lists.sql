-- A kept list in upload order, in compressed chunks of consecutive IDs, so a restore sends the
-- IDs in the order they were first sent. The hashed buckets stay for "Find a fan".
CREATE TABLE id_list_chunks (
  record_id uuid NOT NULL REFERENCES history_records (id) ON DELETE CASCADE,
  chunk integer NOT NULL,
  id_count integer NOT NULL,
  ids bytea NOT NULL,
  PRIMARY KEY (record_id, chunk)
);
