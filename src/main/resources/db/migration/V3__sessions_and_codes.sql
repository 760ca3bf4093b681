-- Browser sessions of the sign-in pages. The cookie holds a random value; only its keyed hash is
-- stored. sid is the public session id that tokens carry. pending holds the authorization request
-- being answered and how far its sign-in got (JSON).
CREATE TABLE sessions (
    id_hash      VARCHAR(64)   PRIMARY KEY,
    sid          VARCHAR(64)   NOT NULL UNIQUE,
    csrf_token   VARCHAR(64)   NOT NULL,
    tenant_id    VARCHAR(36)   REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      VARCHAR(36)   REFERENCES users (id) ON DELETE CASCADE,
    auth_time    TIMESTAMP WITH TIME ZONE,
    pending      VARCHAR(8000),
    created      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Authorization codes: only a keyed hash of the value is stored. redeemed_at marks the single use;
-- access_token_jti/_expires_at name the access token issued from it, revoked when the code is replayed.
CREATE TABLE authorization_codes (
    code_hash                VARCHAR(64)   PRIMARY KEY,
    tenant_id                VARCHAR(36)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    client_id                VARCHAR(100)  NOT NULL,
    user_id                  VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id               VARCHAR(64)   NOT NULL,
    redirect_uri             VARCHAR(2000) NOT NULL,
    code_challenge           VARCHAR(128),
    nonce                    VARCHAR(300),
    scope                    VARCHAR(1000) NOT NULL,
    auth_time                TIMESTAMP WITH TIME ZONE NOT NULL,
    created                  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at              TIMESTAMP WITH TIME ZONE,
    replayed_at              TIMESTAMP WITH TIME ZONE,
    access_token_jti         VARCHAR(64),
    access_token_expires_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX authorization_codes_by_expiry ON authorization_codes (expires_at);

-- Consents a user asked to be remembered, per client.
CREATE TABLE consents (
    user_id    VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  VARCHAR(100)  NOT NULL,
    scope      VARCHAR(1000) NOT NULL,
    created    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

-- Failed sign-ins, per account (tenant + email) and per client IP, keyed by a hash of that key.
CREATE TABLE signin_failures (
    key_hash       VARCHAR(64)  PRIMARY KEY,
    failures       INTEGER      NOT NULL,
    last_failure   TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE
);
