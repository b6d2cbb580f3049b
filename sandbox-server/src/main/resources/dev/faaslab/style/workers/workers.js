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
      out[name] = kind === 'table' ? kvNamespace(name, resource) : kind === 'bucket' ? r2Bucket(resource)
        : queueProducer(resource);
    }
    return Object.freeze(out);
  }
  const sdk = () => core.sdk();
  const now = () => core.hostNow(); // the platform's clock, which expirations and uploads are dated by
  const utf8Length = (text) => provider.bytesOfText(text).length;
  /** An ArrayBuffer, a view of one, or a string, as bytes (for KV's and R2's values). */
  function bytesOfValue(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return null;
  }
  const bufferOf = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

  // ---- KV over a table ----
  // A KV namespace is a workspace table with a string partition key (any name) and no sort key. Each key is one
  // item: { <partition key>: key, value: the text (or base64 of the bytes, with encoding: 'base64'), metadata,
  // expiration: epoch seconds }. An expired key reads as absent, is left out of lists, and is deleted when read.
  const KV_MAX_KEY_BYTES = 512;
  const KV_MIN_TTL = 60;
  const KV_MAX_METADATA_BYTES = 1024;
  const KV_MAX_LIST = 1000;
  const KV_ATTRIBUTES = ['value', 'encoding', 'metadata', 'expiration'];
  const kvError = (operation, status, message) => new Error('KV ' + operation + ' failed: ' + status + ' ' + message);
  function kvCheckKey(operation, key) {
    if (key === '') throw kvError(operation, 400, 'Key names must not be empty');
    if (key === '.' || key === '..') throw kvError(operation, 400, 'Illegal key name "' + key + '". Please use a different name.');
    const bytes = utf8Length(key);
    if (bytes > KV_MAX_KEY_BYTES) {
      throw kvError(operation, 414, 'UTF-8 encoded length of ' + bytes + ' exceeds key length limit of ' + KV_MAX_KEY_BYTES + '.');
    }
  }
  const kvLive = (item) => item.expiration === undefined || item.expiration * 1000 > now();
  function kvDecode(item, type) {
    const bytes = () => (item.encoding === 'base64' ? provider.bytesOf(item.value) : provider.bytesOfText(item.value));
    const text = () => (item.encoding === 'base64' ? provider.utf8(provider.bytesOf(item.value)) : item.value);
    switch (type) {
      case 'text': return text();
      case 'json': return JSON.parse(text());
      case 'arrayBuffer': return bufferOf(bytes());
      case 'stream': throw new TypeError('KV get(key, "stream") needs ReadableStream, which FaaS Lab does not have:'
        + ' read the value as "text", "json" or "arrayBuffer"');
      default: throw new TypeError('Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".');
    }
  }
  function kvNamespace(binding, tableName) {
    const table = sdk().table(tableName);
    let keyName = null; // the table's partition key, asked once per instance
    const partitionKey = () => keyName || (keyName = table.describe().then((t) => {
      const why = t.sortKey !== null ? 'has a sort key (' + t.sortKey + ')'
        : t.partitionKeyType !== 'string' ? "has a number partition key (" + t.partitionKey + ')'
          : KV_ATTRIBUTES.includes(t.partitionKey) ? "names its partition key '" + t.partitionKey + "', an attribute KV keeps its own data in"
            : null;
      if (why !== null) {
        throw new TypeError('env.' + binding + " is bound to the table '" + tableName + "', which " + why + ': a KV'
          + ' namespace needs a table whose only key is a string partition key, such as {"partitionKey":"key"}');
      }
      return t.partitionKey;
    }, (error) => { keyName = null; throw error; }));
    const keyOf = async (key) => ({ [await partitionKey()]: key });

    async function read(operation, key) {
      key = String(key);
      kvCheckKey(operation, key);
      const found = await table.get(await keyOf(key));
      if (found.item === null) return null;
      if (kvLive(found.item)) return found.item;
      // Expired: gone, as on Cloudflare; deleted now unless someone wrote it again meanwhile.
      await table.delete(await keyOf(key), { ifVersion: found.version }).catch(() => undefined);
      return null;
    }
    const typeOf = (options) => (options === undefined || options === null ? 'text'
      : typeof options === 'string' ? options : options.type === undefined ? 'text' : options.type);

    async function get(key, options) {
      if (Array.isArray(key)) { // bulk get: a Map of each key to its value (text or json only, as on Cloudflare)
        const values = await Promise.all(key.map((k) => get(k, options)));
        return new Map(key.map((k, i) => [k, values[i]]));
      }
      const item = await read('GET', key);
      return item === null ? null : kvDecode(item, typeOf(options));
    }

    async function getWithMetadata(key, options) {
      const item = await read('GET', key);
      return { value: item === null ? null : kvDecode(item, typeOf(options)),
        metadata: item === null || item.metadata === undefined ? null : item.metadata, cacheStatus: null };
    }

    async function put(key, value, options) {
      key = String(key);
      kvCheckKey('PUT', key);
      const item = await keyOf(key);
      const bytes = bytesOfValue(value);
      if (typeof value === 'string') {
        item.value = value;
      } else if (bytes !== null) {
        item.value = core.base64Text(bytes);
        item.encoding = 'base64';
      } else {
        throw new TypeError('KV put() accepts only strings, ArrayBuffers and ArrayBufferViews as values here'
          + ' (ReadableStream: FaaS Lab has none); for an object, put JSON.stringify(object) and get it with "json"');
      }
      const o = options || {};
      const seconds = Math.floor(now() / 1000);
      if (o.expirationTtl !== undefined) {
        const ttl = Number(o.expirationTtl);
        if (!(ttl >= KV_MIN_TTL)) throw kvError('PUT', 400, 'Invalid expiration_ttl of ' + o.expirationTtl + '. Expiration TTL must be at least ' + KV_MIN_TTL + '.');
        item.expiration = seconds + Math.floor(ttl);
      } else if (o.expiration !== undefined) {
        const at = Number(o.expiration);
        if (!(at >= seconds + KV_MIN_TTL)) throw kvError('PUT', 400, 'Invalid expiration of ' + o.expiration + '. Expiration times must be at least ' + KV_MIN_TTL + ' seconds in the future.');
        item.expiration = Math.floor(at);
      }
      if (o.metadata !== undefined && o.metadata !== null) {
        const size = utf8Length(JSON.stringify(o.metadata));
        if (size > KV_MAX_METADATA_BYTES) throw kvError('PUT', 413, 'Metadata length of ' + size + ' exceeds limit of ' + KV_MAX_METADATA_BYTES + '.');
        item.metadata = o.metadata;
      }
      await table.put(item);
    }

    async function remove(key) {
      key = String(key);
      kvCheckKey('DELETE', key);
      await table.delete(await keyOf(key));
    }

    async function list(options) {
      const o = options || {};
      const limit = o.limit === undefined || o.limit === null ? KV_MAX_LIST : Number(o.limit);
      if (!(limit >= 1 && limit <= KV_MAX_LIST)) {
        throw kvError('LIST', 400, 'Invalid key_count_limit of ' + o.limit + '. Please specify an integer between 1 and ' + KV_MAX_LIST + '.');
      }
      const name = await partitionKey();
      const page = await table.scan({ partitionKeyPrefix: o.prefix === undefined || o.prefix === null ? undefined : String(o.prefix),
        limit: Math.floor(limit), next: o.cursor ? String(o.cursor) : undefined });
      const keys = [];
      for (const { item } of page.items) {
        if (!kvLive(item)) continue; // expired keys are not listed (a page may then hold fewer, as on Cloudflare)
        const entry = { name: item[name] };
        if (item.expiration !== undefined) entry.expiration = item.expiration;
        if (item.metadata !== undefined) entry.metadata = item.metadata;
        keys.push(entry);
      }
      return page.next === null ? { keys, list_complete: true, cacheStatus: null }
        : { keys, list_complete: false, cursor: page.next, cacheStatus: null };
    }

    return Object.freeze({ get, getWithMetadata, put, delete: remove, list });
  }

  // ---- R2 over a bucket ----
  // The R2 API over the workspace's bucket. Kept: the object's bytes and its content type (httpMetadata.contentType);
  // FaaS Lab's buckets keep no other HTTP metadata, no custom metadata and no versions (an object's version is its
  // ETag here). R2ObjectBody has no `body` stream (no ReadableStream): read it with text(), json(), arrayBuffer().
  const r2Absent = (error) => { if (error && error.code === 'NoSuchKey') return null; throw error; };
  function r2Object(key, described, contentType) {
    const etag = String(described.etag).replace(/"/g, '');
    const httpMetadata = contentType ? { contentType } : {};
    return {
      key, version: etag, size: described.size, etag, httpEtag: '"' + etag + '"', checksums: {},
      uploaded: new Date(described.lastModified), httpMetadata, customMetadata: {}, storageClass: 'Standard',
      writeHttpMetadata(headers) { if (httpMetadata.contentType) headers.set('content-type', httpMetadata.contentType); },
    };
  }
  function r2Body(object, bytes) {
    let used = false;
    const read = () => {
      if (used) throw new TypeError('Body has already been used. It can only be used once.');
      used = true;
      return bytes;
    };
    Object.defineProperty(object, 'bodyUsed', { get: () => used, enumerable: true });
    return Object.assign(object, {
      async arrayBuffer() { return bufferOf(read()); },
      async text() { return provider.utf8(read()); },
      async json() { return JSON.parse(provider.utf8(read())); },
      async blob() { return new Blob([read()], { type: object.httpMetadata.contentType || '' }); },
    });
  }
  function r2Refuse(what, options, names) {
    for (const name of names) {
      const given = options && options[name];
      if (given !== undefined && given !== null && !(typeof given === 'object' && Object.keys(given).length === 0)) {
        throw new TypeError('R2 ' + what + ': FaaS Lab\'s buckets do not support ' + name + ' (they keep an object\'s'
          + ' bytes and content type only)');
      }
    }
  }
  function r2Bucket(bucketName) {
    const bucket = sdk().bucket(bucketName);
    const head = (key) => bucket.head(String(key)).then((d) => r2Object(String(key), d, d.contentType), r2Absent);
    return Object.freeze({
      head,
      async get(key, options) {
        r2Refuse('get', options, ['onlyIf', 'range']);
        const d = await bucket.get(String(key), { encoding: 'base64' }).catch(r2Absent);
        return d === null ? null : r2Body(r2Object(String(key), d, d.contentType), provider.bytesOf(d.body));
      },
      async put(key, value, options) {
        r2Refuse('put', options, ['customMetadata', 'onlyIf', 'md5', 'sha1', 'sha256', 'sha384', 'sha512']);
        let body = value === null || value === undefined ? '' : value;
        if (typeof Blob === 'function' && body instanceof Blob) body = new Uint8Array(await body.arrayBuffer());
        if (typeof body !== 'string' && bytesOfValue(body) === null) {
          throw new TypeError('R2 put() takes a string, an ArrayBuffer, an ArrayBufferView, a Blob or null here'
            + ' (ReadableStream: FaaS Lab has none)');
        }
        const http = (options && options.httpMetadata) || {};
        const contentType = typeof http.get === 'function' ? http.get('content-type') : http.contentType;
        await bucket.put(String(key), typeof body === 'string' ? body : bytesOfValue(body),
          contentType ? { contentType } : undefined);
        return head(key);
      },
      async delete(keys) {
        for (const key of Array.isArray(keys) ? keys : [keys]) await bucket.delete(String(key));
      },
      async list(options) {
        const o = options || {};
        r2Refuse('list', o, ['startAfter']);
        const limit = o.limit === undefined ? 1000 : Number(o.limit);
        if (!(limit >= 1 && limit <= 1000)) throw new RangeError('R2 list: limit must be between 1 and 1000, not ' + o.limit);
        const page = await bucket.list({ prefix: o.prefix, delimiter: o.delimiter, maxKeys: limit,
          continuationToken: o.cursor || undefined });
        const withHttp = Array.isArray(o.include) && o.include.includes('httpMetadata');
        const objects = await Promise.all(page.objects.map((d) => (withHttp ? head(d.key) : r2Object(d.key, d, null))));
        const truncated = page.nextContinuationToken !== null && page.nextContinuationToken !== undefined;
        return truncated ? { objects, truncated, cursor: page.nextContinuationToken, delimitedPrefixes: page.commonPrefixes }
          : { objects, truncated, delimitedPrefixes: page.commonPrefixes };
      },
    });
  }

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
    // cron: the schedule's name. The platform's event is EventBridge's, which names the rule, not its expression.
    let retry = true;
    const controller = Object.freeze({ cron: e.schedule, scheduledTime: e.time, type: 'scheduled',
      noRetry() { retry = false; } });
    try {
      await scheduled(controller, env, ctx);
    } catch (error) {
      if (retry) throw error; // a failed scheduled event is retried, as the platform retries asynchronous events
      console.error(error); // noRetry(): the failure is logged, and the event ends as done
    }
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
