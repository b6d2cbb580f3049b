-- A workspace's storage quota counts its table items' bytes with its bucket objects' (StorageQuota): each table
-- keeps the sum of its items' JSON in UTF-8, as bucket objects keep their sizes. Tables written before this
-- version are counted from what they hold now. Portable SQL, as V1's header says.

ALTER TABLE kv_tables ADD COLUMN byte_count BIGINT DEFAULT 0 NOT NULL;

UPDATE kv_tables SET byte_count = COALESCE((SELECT SUM(OCTET_LENGTH(i.document)) FROM kv_items i
    WHERE i.workspace_id = kv_tables.workspace_id AND i.table_name = kv_tables.name), 0);
