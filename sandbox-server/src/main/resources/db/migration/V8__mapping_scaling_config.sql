-- A queue trigger's ScalingConfig.MaximumConcurrency (issue 18, lesson 7): at most this many batches of the
-- queue in the function at once, or null for no bound but the poller's own. One nullable column, so no
-- existing row needs a value. Portable SQL, as V1's header says.
ALTER TABLE event_source_mappings ADD COLUMN maximum_concurrency INTEGER;
