-- Table change streams (DynamoDB Streams) and the stream-to-function triggers that read them.
-- Portable SQL, as V1's header says; instants the code computes with are epoch milliseconds in BIGINT.

-- A table's stream. last_seq numbers its records: a write takes the next under this row's lock, in the
-- write's own transaction, so records commit in the order of their numbers and a reader that has seen
-- number n never finds a smaller one later. The row stays when the stream is turned off (enabled false),
-- so that turning it on again goes on numbering. label is when it was first turned on, as in the ARN.
CREATE TABLE kv_streams (
    workspace_id  VARCHAR(63)  NOT NULL,
    table_name    VARCHAR(255) NOT NULL,
    view_type     VARCHAR(20)  NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    label         VARCHAR(32)  NOT NULL,
    last_seq      BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, table_name),
    FOREIGN KEY (workspace_id, table_name) REFERENCES kv_tables (workspace_id, name) ON DELETE CASCADE
);

-- One change of one item, kept 24 hours. keys_json, new_image and old_image are plain JSON as the table
-- holds items; new_image and old_image are null where the change or the view type has none.
CREATE TABLE kv_stream_records (
    workspace_id   VARCHAR(63)  NOT NULL,
    table_name     VARCHAR(255) NOT NULL,
    seq            BIGINT       NOT NULL,
    event_id       VARCHAR(36)  NOT NULL,
    event_name     VARCHAR(6)   NOT NULL,
    view_type      VARCHAR(20)  NOT NULL,
    keys_json      VARCHAR      NOT NULL,
    new_image      VARCHAR,
    old_image      VARCHAR,
    size_bytes     INTEGER      NOT NULL,
    created_at_ms  BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, table_name, seq),
    FOREIGN KEY (workspace_id, table_name) REFERENCES kv_tables (workspace_id, name) ON DELETE CASCADE
);
CREATE INDEX kv_stream_records_by_age ON kv_stream_records (created_at_ms);

-- A table's stream that triggers a function. position_seq is the last record handed over for good (its
-- checkpoint); attempts counts the failed attempts of the batch after it, batch_limit the size bisection
-- has cut that batch to (0: batch_size). on_failure_queue is null for no on-failure destination.
CREATE TABLE stream_mappings (
    workspace_id                   VARCHAR(63)              NOT NULL,
    uuid                           VARCHAR(36)              NOT NULL,
    table_name                     VARCHAR(255)             NOT NULL,
    function_name                  VARCHAR(64)              NOT NULL,
    qualifier                      VARCHAR(64),
    batch_size                     INTEGER                  NOT NULL,
    starting_position              VARCHAR(12)              NOT NULL,
    maximum_retry_attempts         INTEGER                  NOT NULL,
    bisect_batch_on_function_error BOOLEAN                  NOT NULL,
    on_failure_queue               VARCHAR(80),
    report_batch_item_failures     BOOLEAN                  NOT NULL,
    enabled                        BOOLEAN                  NOT NULL,
    position_seq                   BIGINT                   NOT NULL,
    attempts                       INTEGER                  NOT NULL,
    batch_limit                    INTEGER                  NOT NULL,
    created_at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, uuid),
    UNIQUE (uuid),
    FOREIGN KEY (workspace_id, table_name) REFERENCES kv_tables (workspace_id, name) ON DELETE CASCADE
);
