-- A grant is for one FanPass host: a token a sandbox accepted (it accepts any well-formed JWT)
-- must not read what a real FanPass host's uploads recorded. Grants made before this carry no
-- host, so they are dropped: each token proves itself again (its next upload, or the probe).
DROP TABLE accepted_tokens;

CREATE TABLE accepted_tokens (
  token_sha256 text NOT NULL,
  fanpass_host text NOT NULL,
  scope text NOT NULL,
  accepted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (token_sha256, fanpass_host)
);

-- A scope now names its host and a typed club (who.ts historyScope): 'https://host|s:lions'.
-- Records kept only the host, not the scheme: only loopback hosts may be plain http. A club
-- written before had lost its type; one that reads as a number is taken for a number claim.
UPDATE history_records SET scope =
  CASE WHEN fanpass_host ~ '^(127\.|localhost(:|$)|\[::1\])' THEN 'http://' ELSE 'https://' END
  || fanpass_host || '|' ||
  CASE
    WHEN scope = '' THEN ''
    WHEN scope ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?$' THEN 'n:' || scope
    ELSE 's:' || scope
  END;
