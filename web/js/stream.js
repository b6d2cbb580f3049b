// The workspace's live stream (GET /api/events, server-sent events). The event names are the wire names of
// the server's StreamEvent records; StreamEventNamesTest fails the build when this list and Java's differ.

export const STREAM_EVENT_NAMES = Object.freeze(['metrics', 'instance', 'log', 'function', 'traffic', 'dropped']);

/** Opens the stream and hands every event, parsed, to each handler as `handler(type, data)`. */
export function connectStream(handlers) {
  const source = new EventSource('/api/events');
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
