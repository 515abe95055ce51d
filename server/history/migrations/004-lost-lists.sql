-- A list a killed console was storing, whose spool file did not survive, is marked lost at the
-- next start instead of staying "storing" for ever.
ALTER TABLE history_records DROP CONSTRAINT history_records_list_state_check;
ALTER TABLE history_records ADD CONSTRAINT history_records_list_state_check
  CHECK (list_state IN ('none', 'storing', 'kept', 'pruned', 'lost'));
