// The live streams (server-sent events): a workspace's (GET /api/events) and a class's for its dashboard
// (GET /api/classes/{id}/events). The event names are the wire names of the server's StreamEvent records;
// StreamEventNamesTest fails the build when this list and Java's differ.

export const STREAM_EVENT_NAMES = Object.freeze(['metrics', 'instance', 'log', 'function', 'traffic', 'dropped',
  'learner-activity']);

/** Opens the workspace's stream and hands every event, parsed, to each handler as `handler(type, data)`. */
export function connectStream(handlers) {
  return open('/api/events', handlers);
}

/**
 * Opens a class's stream (its learners' activity) for an instructor; `handler(type, data)` gets each event, and
 * `('ready', {})` each time the stream (re)connects, when what was missed meanwhile should be read again.
 */
export function connectClassStream(classId, handler) {
  const source = open(`/api/classes/${encodeURIComponent(classId)}/events`, [handler]);
  source.addEventListener('ready', () => handler('ready', {}));
  return source;
}

function open(path, handlers) {
  const source = new EventSource(path);
  for (const type of STREAM_EVENT_NAMES) {
    source.addEventListener(type, (message) => {
      let data;
      try {
        data = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      for (const handler of handlers) handler(type, data);
    });
  }
  return source;
}
