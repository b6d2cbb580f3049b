-- LTI 1.3 (dev.faaslab.classroom.lti): FaaS Lab as a tool that learning platforms (Moodle, Canvas) launch
-- and send grades back to. Everything a launch needs between two requests lives here rather than in a
-- server's memory, so that any of several servers sharing this database can answer the next request.
-- Portable SQL, as V1's header says.

-- A platform that may launch the tool: one row per issuer and the client id it gave the tool.
CREATE TABLE lti_platforms (
    issuer         VARCHAR                  NOT NULL,
    client_id      VARCHAR                  NOT NULL,
    auth_login_url VARCHAR                  NOT NULL,
    token_url      VARCHAR                  NOT NULL,
    jwks_url       VARCHAR                  NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, client_id)
);

-- The deployments of a registration (a platform may install the tool once per site, or per course).
CREATE TABLE lti_deployments (
    issuer        VARCHAR NOT NULL,
    client_id     VARCHAR NOT NULL,
    deployment_id VARCHAR NOT NULL,
    PRIMARY KEY (issuer, client_id, deployment_id),
    FOREIGN KEY (issuer, client_id) REFERENCES lti_platforms (issuer, client_id) ON DELETE CASCADE
);

-- The tool's RSA signing keys, made on first use: PKCS#8 and X.509 encodings, base64. The newest signs;
-- all are published at /lti/jwks, so that a JWT signed before a new key appeared still verifies.
CREATE TABLE lti_tool_keys (
    kid         VARCHAR                  NOT NULL PRIMARY KEY,
    private_key VARCHAR                  NOT NULL,
    public_key  VARCHAR                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A login started and not yet finished: the state comes back with the id_token, whose nonce must be this
-- one. Used once (the launch deletes it); older than ten minutes, refused and swept.
CREATE TABLE lti_login_states (
    state       VARCHAR                  NOT NULL PRIMARY KEY,
    nonce       VARCHAR                  NOT NULL,
    issuer      VARCHAR                  NOT NULL,
    client_id   VARCHAR                  NOT NULL,
    target_link VARCHAR                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lti_login_states_by_age ON lti_login_states (created_at);

-- Nonces of id_tokens already accepted, until the tokens expire: a replayed token is refused by its nonce.
CREATE TABLE lti_used_nonces (
    issuer     VARCHAR                  NOT NULL,
    nonce      VARCHAR                  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, nonce)
);
CREATE INDEX lti_used_nonces_by_expiry ON lti_used_nonces (expires_at);

-- A deep-linking request waiting for the instructor's choice: where to send the answer, and the platform's
-- opaque data to echo back. Used once; an hour to choose.
CREATE TABLE lti_deep_link_sessions (
    id            VARCHAR                  NOT NULL PRIMARY KEY,
    issuer        VARCHAR                  NOT NULL,
    client_id     VARCHAR                  NOT NULL,
    deployment_id VARCHAR                  NOT NULL,
    return_url    VARCHAR                  NOT NULL,
    data          VARCHAR,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Scores the platform has not acknowledged yet (it was down, or answered 5xx/429): retried until posted.
-- refused_reason is set when the platform answered 4xx, which a retry would not change; such rows stay for
-- a person to read.
CREATE TABLE lti_pending_scores (
    id                VARCHAR                  NOT NULL PRIMARY KEY,
    issuer            VARCHAR                  NOT NULL,
    client_id         VARCHAR                  NOT NULL,
    line_item_url     VARCHAR                  NOT NULL,
    user_id           VARCHAR                  NOT NULL,
    score_given       DOUBLE PRECISION         NOT NULL,
    score_maximum     DOUBLE PRECISION         NOT NULL,
    activity_progress VARCHAR                  NOT NULL,
    scored_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts          INTEGER                  NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error        VARCHAR,
    refused_reason    VARCHAR
);
CREATE INDEX lti_pending_scores_by_due ON lti_pending_scores (next_attempt_at);
