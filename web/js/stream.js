// The live streams (server-sent events): a workspace's (GET /api/events) and a class's for its dashboard
// (GET /api/classes/{id}/events). The event names are the wire names of the server's StreamEvent records;
// StreamEventNamesTest fails the build when this list and Java's differ.

export const STREAM_EVENT_NAMES = Object.freeze(['metrics', 'instance', 'log', 'function', 'traffic', 'dropped',
  'learner-activity', 'class']);

// One workspace stream a page, whoever asks for it (the lesson's lab, the class bar): a browser keeps six
// connections to a server, and each open tab's stream holds one.
const workspaceHandlers = [];
let workspaceSource = null;

/**
 * Opens the workspace's stream (or joins the page's open one) and hands every event, parsed, to each handler as
 * `handler(type, data)`. In a class, a learner's stream carries their class's news too (`class`).
 */
export function connectStream(handlers) {
  workspaceHandlers.push(...handlers);
  workspaceSource ??= open('/api/events', workspaceHandlers);
  return workspaceSource;
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
