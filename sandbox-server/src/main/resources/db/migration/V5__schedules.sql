-- Schedules (EventBridge scheduled rules), each with one function as its target. Portable SQL, as V1.
-- started_at is where a rate counts its periods from; last_fired_at is the scheduled time it last
-- fired for, so that a restart neither repeats a time nor makes up the ones it missed.
CREATE TABLE schedules (
    workspace_id  VARCHAR(63)              NOT NULL,
    name          VARCHAR(64)              NOT NULL,
    expression    VARCHAR(256)             NOT NULL,
    function_name VARCHAR(64)              NOT NULL,
    qualifier     VARCHAR(64),
    enabled       BOOLEAN                  NOT NULL,
    input         VARCHAR,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_fired_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (workspace_id, name),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
);
