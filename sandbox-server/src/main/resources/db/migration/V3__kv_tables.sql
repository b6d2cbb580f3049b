-- Key-value tables (issue 4): DynamoDB-like tables of JSON items, each item addressed by its partition key
-- and, when the table has one, its sort key. Portable SQL, as V1's header says.

-- key types are 'string' or 'number'; sort_key_name is null for a table without a sort key. item_count is
-- kept by the writes themselves (in their transaction), so that the items-per-table quota is exact.
CREATE TABLE kv_tables (
    workspace_id       VARCHAR(63)              NOT NULL,
    name               VARCHAR(255)             NOT NULL,
    partition_key_name VARCHAR(255)             NOT NULL,
    partition_key_type VARCHAR(6)               NOT NULL,
    sort_key_name      VARCHAR(255),
    sort_key_type      VARCHAR(6),
    item_count         BIGINT                   NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, name),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
);

-- One item. partition_value is the key's text (a number in its canonical form, so 1.50 and 1.5 are one key).
-- sort_value orders the items of a partition as DynamoDB does, by a text comparison that needs no collation:
-- a string's UTF-8 bytes in lower-case hex (byte order, and a prefix of bytes is a prefix of text); a number's
-- canonical text, ordered by sort_number instead. A table without a sort key has '' and null.
-- version is 1 when the item is first written and grows by one with each change.
CREATE TABLE kv_items (
    workspace_id    VARCHAR(63)              NOT NULL,
    table_name      VARCHAR(255)             NOT NULL,
    partition_value VARCHAR(2048)            NOT NULL,
    sort_value      VARCHAR(2048)            NOT NULL,
    sort_number     NUMERIC(60, 20),
    document        VARCHAR                  NOT NULL,
    version         BIGINT                   NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, table_name, partition_value, sort_value),
    FOREIGN KEY (workspace_id, table_name) REFERENCES kv_tables (workspace_id, name) ON DELETE CASCADE
);
