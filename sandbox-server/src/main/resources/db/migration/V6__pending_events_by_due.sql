-- Asynchronous events wait in pending_events, not in the server's memory (issue 15): the platform reads
-- the few that are due, soonest first, each time a runner is free and ten times a second. This index
-- finds them without reading the payloads of the events still waiting. Portable SQL, as V1's header says.
CREATE INDEX pending_events_by_due ON pending_events (next_attempt_at_ms, seq);
