-- Handler styles (issue 21): the provider whose handler contract a function's code follows, as the function
-- declares it (aws-lambda, cloudflare-workers, gcp-functions, azure-functions, netlify). Every function saved
-- before styles existed follows Lambda's. Portable SQL, as V1's header says.

ALTER TABLE functions ADD COLUMN style VARCHAR(40) DEFAULT 'aws-lambda' NOT NULL;
ALTER TABLE function_versions ADD COLUMN style VARCHAR(40) DEFAULT 'aws-lambda' NOT NULL;

-- What a Cloudflare Worker's env reaches by name, as wrangler's bindings: a JSON object of NAME to
-- "table:NAME", "bucket:NAME" or "queue:NAME", as environment holds its variables. NULL for none.
ALTER TABLE functions ADD COLUMN bindings VARCHAR;
ALTER TABLE function_versions ADD COLUMN bindings VARCHAR;
