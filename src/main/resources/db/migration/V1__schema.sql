-- Gatehouse schema. One SQL dialect subset that H2 (embedded) and PostgreSQL (production) both run.
-- Ids are UUID strings; times are TIMESTAMP WITH TIME ZONE in UTC.

CREATE TABLE tenants (
    id                       VARCHAR(36)  PRIMARY KEY,
    name                     VARCHAR(63)  NOT NULL UNIQUE,
    display_name             VARCHAR(200) NOT NULL,
    enabled                  BOOLEAN      NOT NULL,
    signing_algorithm        VARCHAR(10)  NOT NULL,
    exact_redirect_uris      BOOLEAN      NOT NULL,
    signin_max_failures      INTEGER      NOT NULL,
    signin_lockout_seconds   INTEGER      NOT NULL,
    created                  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated                  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE roles (
    tenant_id    VARCHAR(36)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    description  VARCHAR(500),
    built_in     BOOLEAN      NOT NULL,
    created      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE users (
    id                  VARCHAR(36)  PRIMARY KEY,
    tenant_id           VARCHAR(36)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email               VARCHAR(320) NOT NULL,
    email_normalized    VARCHAR(320) NOT NULL,
    display_name        VARCHAR(200) NOT NULL,
    password_hash       VARCHAR(500),
    enabled             BOOLEAN      NOT NULL,
    installation_admin  BOOLEAN      NOT NULL,
    created             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_email_per_tenant UNIQUE (tenant_id, email_normalized)
);
CREATE INDEX users_by_email ON users (email_normalized);

CREATE TABLE user_roles (
    user_id    VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_name  VARCHAR(100) NOT NULL,
    PRIMARY KEY (user_id, role_name)
);

-- tenant_id NULL marks an installation client.
CREATE TABLE clients (
    id                                   VARCHAR(36)   PRIMARY KEY,
    client_id                            VARCHAR(100)  NOT NULL UNIQUE,
    tenant_id                            VARCHAR(36)   REFERENCES tenants (id) ON DELETE CASCADE,
    client_name                          VARCHAR(200)  NOT NULL,
    enabled                              BOOLEAN       NOT NULL,
    allow_offline_access                 BOOLEAN       NOT NULL,
    allow_remember_consent               BOOLEAN       NOT NULL,
    back_channel_logout_session_required BOOLEAN       NOT NULL,
    back_channel_logout_uri              VARCHAR(2000),
    require_client_secret                BOOLEAN       NOT NULL,
    require_consent                      BOOLEAN       NOT NULL,
    allow_no_pkce                        BOOLEAN       NOT NULL,
    allow_ropc                           BOOLEAN       NOT NULL,
    allow_client_credentials             BOOLEAN       NOT NULL,
    access_token_lifetime                INTEGER       NOT NULL,
    refresh_token_lifetime               INTEGER       NOT NULL,
    refresh_token_usage                  VARCHAR(20)   NOT NULL,
    created                              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated                              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX clients_by_tenant ON clients (tenant_id);

-- The list-valued client fields, one row per value; kind is one of
-- redirect_uri, post_logout_redirect_uri, cors_origin, scope, role.
CREATE TABLE client_values (
    client_pk  VARCHAR(36)   NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind       VARCHAR(30)   NOT NULL,
    position   INTEGER       NOT NULL,
    item       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (client_pk, kind, position)
);

CREATE TABLE client_secrets (
    id            VARCHAR(36)  PRIMARY KEY,
    client_pk     VARCHAR(36)  NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    description   VARCHAR(500),
    value_hash    VARCHAR(64)  NOT NULL,
    value_display VARCHAR(3)   NOT NULL,
    start_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    expiration    TIMESTAMP WITH TIME ZONE NOT NULL,
    created       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX client_secrets_by_client ON client_secrets (client_pk);

-- Signing keys per issuer: tenant_id NULL is the installation issuer.
-- The private key is a JWK encrypted with the installation master key (AES-256-GCM).
CREATE TABLE signing_keys (
    kid              VARCHAR(64)   PRIMARY KEY,
    tenant_id        VARCHAR(36)   REFERENCES tenants (id) ON DELETE CASCADE,
    algorithm        VARCHAR(10)   NOT NULL,
    public_jwk       VARCHAR(4000) NOT NULL,
    private_jwk_enc  VARCHAR(8000) NOT NULL,
    created          TIMESTAMP WITH TIME ZONE NOT NULL,
    activates_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    retires_at       TIMESTAMP WITH TIME ZONE,
    expires_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signing_keys_by_tenant ON signing_keys (tenant_id);

CREATE TABLE audit_events (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    tenant_id    VARCHAR(36),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    actor_type   VARCHAR(20)   NOT NULL,
    action       VARCHAR(100)  NOT NULL,
    target_type  VARCHAR(50),
    target_id    VARCHAR(200),
    ip           VARCHAR(64),
    details      VARCHAR(4000)
);
CREATE INDEX audit_events_by_tenant_time ON audit_events (tenant_id, occurred_at);
