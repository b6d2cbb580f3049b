-- Lambda's recursive loop detection (lesson 3, "Asynchronous events"): an asynchronous event that a
-- function's own write caused (a bucket notification) carries the chain of invocations behind it, as
-- 'function:count' entries joined by '|' (X-Ray's Lineage), so that a restart does not reset a loop's
-- count. NULL for an event that no invocation caused. Versioned 8.3 so that other lessons' migrations
-- (8, 8.1 ...) merge beside it. Portable SQL, as V1's header says.
ALTER TABLE pending_events ADD COLUMN lineage VARCHAR;
