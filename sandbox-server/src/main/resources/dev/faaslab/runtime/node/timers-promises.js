// node:timers/promises: setTimeout and setImmediate as promises (with an AbortSignal), setInterval as an async
// iterator, and scheduler.wait.
'use strict';
function aborted(signal) {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  error.code = 'ABORT_ERR';
  error.cause = signal.reason;
  return error;
}
function later(start, delay, value, options = {}) {
  const { signal, ref = true } = options || {};
  if (signal && signal.aborted) return Promise.reject(aborted(signal));
  return new Promise((resolve, reject) => {
    const timer = start(() => resolve(value), delay);
    if (!ref) timer.unref();
    if (signal) {
      signal.addEventListener('abort', () => { globalThis.clearTimeout(timer); reject(aborted(signal)); }, { once: true });
    }
  });
}
const setTimeout = (delay, value, options) => later((fn, ms) => globalThis.setTimeout(fn, ms), delay, value, options);
const setImmediate = (value, options) => later((fn) => globalThis.setImmediate(fn), 0, value, options);
async function* setInterval(delay, value, options = {}) {
  for (;;) {
    yield await setTimeout(delay, value, options);
  }
}
module.exports = { setTimeout, setImmediate, setInterval,
  scheduler: { wait: (delay, options) => setTimeout(delay, undefined, options), yield: () => setImmediate() } };
