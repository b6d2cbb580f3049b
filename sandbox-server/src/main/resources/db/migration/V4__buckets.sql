-- Storage buckets (issue 4): S3-like buckets of objects. The bytes live in files under the data directory
-- (buckets/<workspace>/<bucket>/<file_name>), named by a random id, never by the key: a key can hold '/', '..'
-- or anything else and still never name a path. These tables hold what S3 calls the metadata.

CREATE TABLE buckets (
    workspace_id VARCHAR(63)              NOT NULL,
    name         VARCHAR(63)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, name),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
);

-- key_hex is the key's UTF-8 bytes in lower-case hex: it orders the keys as S3 lists them (by bytes) with
-- a plain text comparison, and a prefix of the key is a prefix of key_hex. etag is S3's: the MD5 in hex.
CREATE TABLE bucket_objects (
    workspace_id  VARCHAR(63)              NOT NULL,
    bucket_name   VARCHAR(63)              NOT NULL,
    key_hex       VARCHAR(2048)            NOT NULL,
    object_key    VARCHAR(1024)            NOT NULL,
    file_name     VARCHAR(64)              NOT NULL,
    size_bytes    BIGINT                   NOT NULL,
    content_type  VARCHAR(255)             NOT NULL,
    etag          VARCHAR(32)              NOT NULL,
    last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, bucket_name, key_hex),
    FOREIGN KEY (workspace_id, bucket_name) REFERENCES buckets (workspace_id, name)
);

-- Bucket notifications: which events of a bucket (with an optional key prefix and suffix) invoke which
-- function, asynchronously. events is a comma-separated list such as 'ObjectCreated:*,ObjectRemoved:*'.
CREATE TABLE bucket_subscriptions (
    workspace_id  VARCHAR(63)              NOT NULL,
    bucket_name   VARCHAR(63)              NOT NULL,
    id            VARCHAR(64)              NOT NULL,
    function_name VARCHAR(64)              NOT NULL,
    events        VARCHAR(255)             NOT NULL,
    key_prefix    VARCHAR(1024)            NOT NULL,
    key_suffix    VARCHAR(1024)            NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, bucket_name, id),
    FOREIGN KEY (workspace_id, bucket_name) REFERENCES buckets (workspace_id, name) ON DELETE CASCADE
);
