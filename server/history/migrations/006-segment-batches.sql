-- Many segments, one confirmation: each send of a batch carries the batch's UUID
-- (X-Console-Batch), so History shows the batch's records together. NULL for a single send.
ALTER TABLE history_records ADD COLUMN batch_id uuid;
