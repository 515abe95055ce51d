-- Two marketers on one tag: a send compared against a version of a tag claims the tag before it
-- is forwarded, so two consoles (or two requests in one) cannot both replace the same version.
-- A row per (scope, tag) held while one send is in flight; expires_at (database time) lets the
-- next send take over the claim of a console that was killed mid-send.
CREATE TABLE tag_send_claims (
  scope text NOT NULL,
  tag text NOT NULL,
  claim_id uuid NOT NULL,
  actor_name text,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (scope, tag)
);
