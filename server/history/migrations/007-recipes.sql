-- Team recipes: how a batch of segments is built from this week's exports, kept per scope (one
-- FanPass host and one club) like the history. Configuration only (contracts/recipe.ts): no row
-- and no ID of an export is ever stored here. `version` counts the saved edits, so an edit made
-- from an older version is refused rather than written over a colleague's; a run changes no
-- configuration and leaves it alone.
CREATE TABLE recipes (
  id uuid PRIMARY KEY,
  scope text NOT NULL,
  version integer NOT NULL,
  recipe jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by_name text,
  created_by_sub text,
  updated_at timestamptz NOT NULL,
  updated_by_name text,
  updated_by_sub text,
  last_run_at timestamptz,
  last_run_by_name text,
  last_run_by_sub text
);

CREATE INDEX recipes_by_scope ON recipes (scope, updated_at DESC);
