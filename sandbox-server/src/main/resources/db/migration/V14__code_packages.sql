-- Functions of several files (issue 20): a function's deployment package, the zip Lambda takes, kept as base64
-- text beside its handler's file (code, which stays that file's text so that every reader of code still reads
-- the handler's source). NULL for a function of one file. Portable SQL, as V1's header says: VARCHAR without a
-- length is unbounded in H2 and PostgreSQL alike, where a binary type is not spelt the same in both.

ALTER TABLE functions ADD COLUMN code_package VARCHAR;
ALTER TABLE function_versions ADD COLUMN code_package VARCHAR;
