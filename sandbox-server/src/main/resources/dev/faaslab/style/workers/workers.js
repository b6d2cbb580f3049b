// Cloudflare Workers' handler contract, module syntax: `export default { fetch(request, env, ctx),
// scheduled(controller, env, ctx), queue(batch, env, ctx) }` (or a class extending WorkerEntrypoint from
// 'cloudflare:workers'). `env` holds the function's variables and its bindings (the workspace's tables as KV,
// buckets as R2, queues as producers); `ctx.waitUntil` keeps the invocation open for work after the answer.
(function workersStyle(core, provider) {
  'use strict';
  const { config, begin, finish } = core;
  let worker = null; // the object whose fetch, scheduled and queue handle events

  const EXAMPLE = "export default { async fetch(request, env, ctx) { return new Response('Hello World!'); } }";

  function resolve(exported) {
    const candidate = exported === null || exported === undefined ? undefined : exported[config.exportName];
    const what = config.exportName === 'default' ? 'the default export' : 'the export ' + config.exportName;
    if (typeof candidate === 'function' && candidate.prototype && typeof candidate.prototype.fetch === 'function') {
      worker = { entrypoint: candidate }; // a WorkerEntrypoint class: one object per invocation, as Workers make one
      return null;
    }
    if (candidate !== null && typeof candidate === 'object'
      && ['fetch', 'scheduled', 'queue'].some((h) => typeof candidate[h] === 'function')) {
      worker = { handlers: candidate };
      return null;
    }
    return { errorMessage: config.fileName + ': ' + what + ' has no fetch, scheduled or queue handler (Cloudflare'
      + " Workers' module syntax)", hint: 'Export the handlers: `' + EXAMPLE + '`' };
  }

  // ---- env: variables and bindings ----
  let env = null;
  function makeEnv() {
    const out = Object.assign({}, config.environment);
    for (const [name, target] of Object.entries(config.bindings || {})) {
      const colon = target.indexOf(':');
      const kind = target.slice(0, colon);
      const resource = target.slice(colon + 1);
      out[name] = kind === 'table' ? kvNamespace(resource) : kind === 'bucket' ? r2Bucket(resource) : queueProducer(resource);
    }
    return Object.freeze(out);
  }
  const sdk = () => core.sdk();
  function kvNamespace(table) { return Object.freeze({ __binding: 'kv:' + table, table }); }
  function r2Bucket(bucket) { return Object.freeze({ __binding: 'r2:' + bucket, bucket }); }
  function queueProducer(queue) {
    return Object.freeze({
      send: (body) => sdk().queue(queue).send(body).then(() => undefined),
      sendBatch: (messages) => sdk().queue(queue).sendBatch(Array.from(messages, (m) => m.body)).then(() => undefined),
    });
  }

  function context(pending) {
    return Object.freeze({
      waitUntil(promise) { pending.push(Promise.resolve(promise).catch((error) => console.error(error))); },
      passThroughOnException() {},
      props: {},
    });
  }

  /** The handler `name` of the worker, bound to the object it belongs to; null when it has none. */
  function handlerOf(name, ctx) {
    if (worker.entrypoint) {
      const object = new worker.entrypoint(ctx, env);
      if (object.ctx === undefined) object.ctx = ctx;
      if (object.env === undefined) object.env = env;
      return typeof object[name] === 'function' ? (...args) => object[name](...args.slice(0, 1)) : null;
    }
    return typeof worker.handlers[name] === 'function' ? (...args) => worker.handlers[name](...args) : null;
  }

  const missing = (name, kind) => {
    const error = new Error('this Worker has no ' + name + ' handler, and a ' + kind + " calls it: add `async " + name
      + '(' + (name === 'fetch' ? 'request' : name === 'queue' ? 'batch' : 'controller') + ', env, ctx) { … }` to the default export');
    error.name = 'Runtime.HandlerNotFound';
    return error;
  };

  async function onHttp(e, pending, ctx) {
    const fetch = handlerOf('fetch', ctx);
    if (fetch === null) throw missing('fetch', 'request');
    return provider.replyOf(await fetch(provider.requestOf(e), env, ctx), 'A Worker\'s fetch handler');
  }

  async function onJson(e, pending, ctx) {
    // The Invoke API's own JSON reaches a Worker as a POST of that JSON to its fetch handler.
    const fetch = handlerOf('fetch', ctx);
    if (fetch === null) throw missing('fetch', 'direct invocation');
    const request = new Request('http://localhost/fn/' + config.functionName + '/', { method: 'POST',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(e.json) });
    return provider.replyOf(await fetch(request, env, ctx), 'A Worker\'s fetch handler');
  }

  async function onSchedule(e, pending, ctx) {
    const scheduled = handlerOf('scheduled', ctx);
    if (scheduled === null) throw missing('scheduled', 'schedule');
    let retry = false;
    const controller = Object.freeze({ cron: e.schedule, scheduledTime: e.time, type: 'scheduled', noRetry() { retry = false; } });
    await scheduled(controller, env, ctx);
    return null;
  }

  async function onQueue(e, pending, ctx) {
    const queue = handlerOf('queue', ctx);
    if (queue === null) throw missing('queue', 'queue');
    const decisions = new Map();
    const messages = Object.freeze(e.messages.map((m) => {
      let body;
      try { body = JSON.parse(m.body); } catch (notJson) { body = m.body; }
      return Object.freeze({ id: m.id, timestamp: new Date(m.timestamp), body, attempts: m.attempts,
        ack() { if (!decisions.has(m.id)) decisions.set(m.id, 'ack'); },
        retry() { if (!decisions.has(m.id)) decisions.set(m.id, 'retry'); } });
    }));
    const batch = Object.freeze({ queue: e.queue, messages,
      ackAll() { for (const m of messages) m.ack(); },
      retryAll() { for (const m of messages) m.retry(); } });
    try {
      await queue(batch, env, ctx);
    } catch (error) {
      // A queue handler that throws retries every message it had not acknowledged, as Workers do.
      for (const m of messages) if (!decisions.has(m.id)) decisions.set(m.id, 'retry');
      if (decisions.size === 0 || [...decisions.values()].every((d) => d === 'retry')) throw error;
      console.error(error);
    }
    return provider.batchIds(e.messages, decisions);
  }

  const ON = { http: onHttp, json: onJson, schedule: onSchedule, queue: onQueue };

  function invoke(requestId, deadline, attempt, text) {
    const invocation = begin();
    if (env === null) env = makeEnv();
    const e = JSON.parse(text);
    const pending = [];
    const ctx = context(pending);
    const on = ON[e.kind];
    const work = on === undefined
      ? Promise.reject(new Error('a Worker is not called for ' + e.kind + ' events here'))
      : on(e, pending, ctx).then(async (answer) => {
        // ctx.waitUntil: the work goes on after the answer is ready; the invocation ends when it is done.
        for (let i = 0; i < pending.length; i++) await pending[i];
        return answer;
      });
    provider.settleWith(invocation, work, "the Worker's handler never answered, and nothing else was scheduled:"
      + ' make sure every path of it returns a Response (or throws).');
  }

  return { invoke, resolve };
})
