// Cloud Run functions' handler contract for Node.js (functions-framework-nodejs): the module registers its handlers,
// functions.http(name, (req, res) => …) with Express's request and response, and functions.cloudEvent(name,
// (cloudEvent) => …) with a CloudEvent 1.0; the entry point (the handler's function part, Google's --entry-point)
// names the one served. Events from queues, buckets and schedules arrive as the CloudEvents Eventarc delivers
// (Pub/Sub's messagePublished, Cloud Storage's object finalized and deleted), made in events.js's shapes.
(function gcpStyle(core, provider) {
  'use strict';
  const { config, begin, registrations } = core;
  const events = eventsOf(core, provider);
  let target = null; // { name, signatureType, handler }

  // ---- the entry point ----
  const DEFAULT_ENTRY = 'function'; // the handler's function part when none was given (index.function)

  function resolve() {
    const mine = registrations.filter((r) => r.framework === 'gcp');
    // A name registered twice is served as registered last, as the framework's Map keeps it.
    const find = (name) => { for (let i = mine.length - 1; i >= 0; i--) if (mine[i].name === name) return mine[i]; return null; };
    const wanted = config.exportName === DEFAULT_ENTRY ? [config.functionName, DEFAULT_ENTRY] : [config.exportName];
    for (const name of wanted) {
      const found = find(name);
      if (found !== null) { target = found; return null; }
    }
    const names = [...new Set(mine.map((r) => r.name))];
    const asked = config.exportName === DEFAULT_ENTRY
      ? "this function's name, '" + config.functionName + "' (gcloud's default entry point)"
      : "'" + config.exportName + "'";
    return {
      errorMessage: "Function " + asked + ' is not defined in the provided module: ' + config.fileName
        + (names.length === 0 ? ' registers no function' : ' registers ' + names.map((n) => "'" + n + "' ("
          + find(n).signatureType + ')').join(', ')),
      hint: names.length === 0
        ? "Register the handler with the Functions Framework: functions.http('" + wanted[0] + "', (req, res) => { res.send('OK'); });"
          + " (const functions = require('@google-cloud/functions-framework');), and call it at the module's top level."
        : 'Set the handler to ' + config.module + '.' + names[0] + ' (the entry point, as gcloud --entry-point '
          + names[0] + '), or register the function under the name ' + asked + '.',
    };
  }

  // ---- Express's request ----
  const STATUS_TEXT = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently',
    302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
    405: 'Method Not Allowed', 409: 'Conflict', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable' };

  const decode = (text) => { try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch (bad) { return text; } };
  /** Node's querystring.parse, Express 5's "simple" query parser: a repeated key gives an array. */
  function parseQuery(text) {
    const out = {};
    if (!text) return out;
    for (const part of text.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = decode(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decode(part.slice(eq + 1));
      if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
      else if (Array.isArray(out[key])) out[key].push(value);
      else out[key] = [out[key], value];
    }
    return out;
  }

  const mediaType = (value) => (value || '').split(';')[0].trim().toLowerCase();

  /**
   * The body as the framework's body parsers leave it: JSON for application/json (and CloudEvents' JSON), text for
   * text/plain, an object for a form, a Buffer for any other type; undefined when there is no body to parse (body-parser 2).
   */
  function parseBody(type, bytes, hasBody) {
    if (!hasBody || type === '') return undefined;
    if (type === 'application/json' || type === 'application/cloudevents+json') {
      const text = provider.utf8(bytes).trim();
      if (text === '') return {};
      if (text[0] !== '{' && text[0] !== '[') throw badRequest('the body is not a JSON object or array (body-parser is strict)');
      try { return JSON.parse(text); } catch (error) { throw badRequest(error.message); }
    }
    if (type === 'text/plain') return provider.utf8(bytes);
    if (type === 'application/x-www-form-urlencoded') return parseQuery(provider.utf8(bytes));
    return Buffer.from(bytes);
  }
  function badRequest(why) {
    const error = new Error(why);
    error.status = 400;
    return error;
  }

  function requestOf(e) {
    const headers = provider.headerObject(e.headers);
    const bytes = provider.bytesOf(e.body);
    const type = mediaType(headers['content-type']);
    const hasBody = bytes.length > 0 || 'content-length' in headers || 'transfer-encoding' in headers;
    const path = e.path || '/';
    const url = path + (e.query ? '?' + e.query : '');
    const req = {
      method: e.method, url, originalUrl: url, baseUrl: '', path, query: parseQuery(e.query), headers,
      body: parseBody(type, bytes, hasBody), params: {}, ip: e.ip, ips: [], protocol: 'https', secure: true,
      hostname: (headers.host || e.host || 'localhost').split(':')[0], executionId: e.id,
      get(name) { return header(headers, name); },
      header(name) { return header(headers, name); },
      is(kind) { return type !== '' && (type === kind || type.endsWith('/' + kind) || (kind.endsWith('/*') && type.startsWith(kind.slice(0, -1)))) ? type : false; },
    };
    let raw = null;
    Object.defineProperty(req, 'rawBody', { enumerable: true, get() { return raw || (raw = hasBody ? Buffer.from(bytes) : undefined); } });
    return req;
  }
  function header(headers, name) {
    const key = String(name).toLowerCase();
    return key === 'referer' || key === 'referrer' ? headers.referer || headers.referrer : headers[key];
  }

  // ---- Express's response: it ends the invocation when it is sent ----
  function responseOf(req, done) {
    const names = new Map(); // lower-case name -> [name as set, value]
    const chunks = [];
    const res = {
      statusCode: 200, headersSent: false, finished: false, locals: {},
      status(code) { res.statusCode = code; return res; },
      set(field, value) {
        if (field !== null && typeof field === 'object') { for (const k of Object.keys(field)) res.set(k, field[k]); return res; }
        let text = Array.isArray(value) ? value.map(String) : String(value);
        if (String(field).toLowerCase() === 'content-type' && typeof text === 'string' && !/;\s*charset/i.test(text)
          && /^text\/|json|javascript/.test(text)) text += '; charset=utf-8';
        names.set(String(field).toLowerCase(), [String(field), text]);
        return res;
      },
      header(field, value) { return res.set(field, value); },
      setHeader(field, value) { names.set(String(field).toLowerCase(), [String(field), value]); return res; },
      get(field) { const entry = names.get(String(field).toLowerCase()); return entry && entry[1]; },
      getHeader(field) { return res.get(field); },
      removeHeader(field) { names.delete(String(field).toLowerCase()); },
      append(field, value) {
        const prior = res.get(field);
        const more = Array.isArray(value) ? value : [value];
        return res.setHeader(field, prior === undefined ? more.map(String) : [].concat(prior, more).map(String));
      },
      type(value) { return res.set('Content-Type', value.includes('/') ? value : TYPES[value] || 'application/octet-stream'); },
      location(url) { return res.set('Location', url); },
      redirect(a, b) {
        const [code, url] = typeof a === 'number' ? [a, b] : [302, a];
        res.status(code).location(url);
        return res.type('text/plain').send(STATUS_TEXT[code] + '. Redirecting to ' + url);
      },
      json(value) {
        if (res.get('content-type') === undefined) res.set('Content-Type', 'application/json');
        return res.send(JSON.stringify(value));
      },
      sendStatus(code) { return res.status(code).type('text/plain').send(STATUS_TEXT[code] || String(code)); },
      send(body) {
        if (typeof body === 'string') {
          if (res.get('content-type') === undefined) res.set('Content-Type', 'text/html');
          return finish(provider.bytesOfText(body));
        }
        if (body instanceof Uint8Array) {
          if (res.get('content-type') === undefined) res.set('Content-Type', 'application/octet-stream');
          return finish(body);
        }
        if (body === undefined) return finish(null);
        return res.json(body); // an object, an array, null, a number or a boolean: JSON, as Express sends it
      },
      write(chunk) {
        chunks.push(typeof chunk === 'string' ? provider.bytesOfText(chunk) : chunk);
        res.headersSent = true;
        return true;
      },
      end(chunk) {
        if (chunk !== undefined && chunk !== null) res.write(chunk);
        let size = 0;
        for (const c of chunks) size += c.length;
        const all = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) { all.set(c, at); at += c.length; }
        return finish(all);
      },
    };
    function finish(bytes) {
      if (res.finished) {
        // Express throws when headers go twice; the framework's handler logs it, the first answer stands.
        console.error('Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client');
        return res;
      }
      res.finished = true;
      res.headersSent = true;
      const empty = res.statusCode === 204 || res.statusCode === 304 || req.method === 'HEAD';
      const pairs = [];
      for (const [lower, [name, value]] of names) {
        if (empty && (lower === 'content-type' || lower === 'content-length')) continue;
        for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
      }
      done(provider.envelope(res.statusCode, pairs, empty ? null : bytes));
      return res;
    }
    return res;
  }
  const TYPES = { html: 'text/html', text: 'text/plain', json: 'application/json', txt: 'text/plain',
    xml: 'application/xml', bin: 'application/octet-stream' };

  /** Runs the http function for one request; resolves to the envelope it sent. */
  function serveHttp(e, fn) {
    return new Promise((resolveReply, reject) => {
      let req;
      try {
        req = requestOf(e);
      } catch (error) {
        if (error.status === 400) { resolveReply(provider.envelope(400, [['Content-Type', 'text/html; charset=utf-8']], 'Bad Request')); return; }
        throw error;
      }
      const res = responseOf(req, resolveReply);
      const ret = fn(req, res);
      if (provider.isThenable(ret)) ret.then(undefined, reject);
    });
  }

  // ---- CloudEvents over HTTP: binary mode (ce-* headers) or structured mode (the whole event as JSON) ----
  function cloudEventOfRequest(e) {
    const headers = provider.headerObject(e.headers);
    const bytes = provider.bytesOf(e.body);
    const type = mediaType(headers['content-type']);
    if (headers['ce-type'] && headers['ce-specversion'] && headers['ce-source'] && headers['ce-id']) {
      const event = {};
      for (const name of Object.keys(headers)) if (name.startsWith('ce-')) event[name.slice(3)] = headers[name];
      event.data = parseBody(type, bytes, bytes.length > 0);
      if (type !== '') event.datacontenttype = headers['content-type'];
      return event;
    }
    return parseBody(type === '' ? 'application/json' : type, bytes, true);
  }

  async function runCloudEvent(fn, cloudEvent) {
    if (fn.length > 1) {
      await new Promise((done, fail) => { fn(cloudEvent, (error) => (error ? fail(error) : done())); });
    } else {
      await fn(cloudEvent);
    }
  }

  async function onHttp(e) {
    if (target.signatureType === 'http') {
      if (e.path === '/favicon.ico' || e.path === '/robots.txt') {
        return provider.envelope(404, [], null); // the framework keeps these from an HTTP function
      }
      return serveHttp(e, target.handler);
    }
    if (e.method !== 'POST') {
      // A CloudEvent function's server routes POST only; Express answers anything else with its 404 page.
      return provider.envelope(404, [['Content-Type', 'text/html; charset=utf-8']], '<!DOCTYPE html>\n<html lang="en">\n'
        + '<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ' + e.method + ' '
        + (e.path || '/') + '</pre>\n</body>\n</html>\n');
    }
    await runCloudEvent(target.handler, cloudEventOfRequest(e));
    return provider.envelope(204, [], null);
  }

  /** One event delivered as Eventarc delivers it: a CloudEvent, or to an http function a binary-mode POST. */
  async function deliver(cloudEvent) {
    if (target.signatureType === 'cloudevent') {
      await runCloudEvent(target.handler, cloudEvent);
      return;
    }
    const reply = await serveHttp(events.binaryRequest(cloudEvent), target.handler);
    if (reply.status < 200 || reply.status > 299) {
      throw new Error('the function answered HTTP ' + reply.status + ' to the ' + cloudEvent.type + ' event ' + cloudEvent.id
        + ': an event is acknowledged by a 2xx answer only, so it will be delivered again');
    }
  }

  async function onJson(e, requestId) {
    const json = e.json;
    if (target.signatureType === 'http') {
      // The Invoke API's own JSON reaches an HTTP function as a POST of that JSON.
      return serveHttp({ method: 'POST', path: '/', query: '', host: 'localhost', ip: '127.0.0.1', id: requestId,
        headers: [['content-type', 'application/json']], body: core.base64Text(provider.bytesOfText(JSON.stringify(json))) },
      target.handler);
    }
    if (!events.isCloudEvent(json)) {
      const error = new Error("a CloudEvent function takes CloudEvents, and this JSON is not one: it needs specversion, type,"
        + " source and id (and data), as {\"specversion\":\"1.0\",\"type\":\"google.cloud.pubsub.topic.v1.messagePublished\","
        + '"source":"//pubsub.googleapis.com/projects/faaslab/topics/orders","id":"1","data":{…}}');
      error.name = 'InvalidCloudEvent';
      throw error;
    }
    await runCloudEvent(target.handler, json);
    return null;
  }

  async function onQueue(e) {
    // Pub/Sub pushes one message per request: each message is its own delivery, and a failed one alone comes back.
    const decisions = new Map();
    let first = null;
    for (const m of e.messages) {
      try {
        await deliver(events.pubsub(e.queue, m));
      } catch (error) {
        console.error(error && error.stack ? error.stack : error);
        decisions.set(m.id, 'retry');
        if (first === null) first = error;
      }
    }
    if (first !== null && decisions.size === e.messages.length) throw first;
    return provider.batchIds(e.messages, decisions);
  }

  async function onBucket(e, requestId) {
    for (let i = 0; i < e.records.length; i++) {
      await deliver(await events.storage(e.records[i], e.records.length === 1 ? requestId : requestId + '-' + i));
    }
    return null;
  }

  async function onSchedule(e, requestId) {
    await deliver(events.scheduled(e, requestId));
    return null;
  }

  const ON = { http: onHttp, json: onJson, queue: onQueue, bucket: onBucket, schedule: onSchedule };

  function invoke(requestId, deadline, attempt, text) {
    const invocation = begin();
    const e = JSON.parse(text);
    const on = ON[e.kind];
    const work = on === undefined ? Promise.reject(new Error('a Cloud Run function is not called for ' + e.kind + ' events'))
      : on(e, requestId);
    provider.settleWith(invocation, work, target.signatureType === 'http'
      ? "the function never sent a response, and nothing else was scheduled: every path of an HTTP function must end"
        + ' with res.send(…), res.json(…), res.end() or res.sendStatus(…) (on Cloud Run the request would wait until it timed out)'
      : 'the CloudEvent function never finished: return (or resolve its promise), or call its callback.');
  }

  return { invoke, resolve };

  /**
   * The CloudEvents Eventarc delivers for the platform's events: a queue plays a Pub/Sub topic (its subscription
   * pushes each message), a bucket plays a Cloud Storage bucket, a schedule a Cloud Scheduler job publishing to a
   * topic named after it, its message's body the schedule's name (a Scheduler job's body is its own; a FaaS Lab
   * schedule has none).
   */
  function eventsOf() {
    const PROJECT = 'faaslab';
    const iso = (ms) => new Date(ms).toISOString();
    const base64 = (text) => core.base64Text(provider.bytesOfText(text));

    function published(topic, id, timeMs, body) {
      const time = iso(timeMs);
      return { specversion: '1.0', id, source: '//pubsub.googleapis.com/projects/' + PROJECT + '/topics/' + topic,
        type: 'google.cloud.pubsub.topic.v1.messagePublished', datacontenttype: 'application/json', time,
        data: { message: { data: base64(body), messageId: id, message_id: id, publishTime: time, publish_time: time },
          subscription: 'projects/' + PROJECT + '/subscriptions/' + topic } };
    }

    function md5Base64(etag) {
      const hex = etag.replace(/"/g, '');
      if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
      return core.base64Text(bytes);
    }

    /** Cloud Storage's object resource, as its events carry it: sizes and generations are strings. */
    async function storage(record, id) {
      const created = record.event.startsWith('ObjectCreated');
      const generation = String(Date.parse(record.time) * 1000);
      const name = encodeURIComponent(record.key);
      const data = { kind: 'storage#object', id: record.bucket + '/' + record.key + '/' + generation,
        selfLink: 'https://www.googleapis.com/storage/v1/b/' + record.bucket + '/o/' + name, name: record.key,
        bucket: record.bucket, generation, metageneration: '1' };
      if (created) {
        // The notification does not carry the content type: the object's own metadata does (gone if deleted since).
        const head = await core.sdk().bucket(record.bucket).head(record.key).catch(() => null);
        if (head !== null && head.contentType) data.contentType = head.contentType;
        Object.assign(data, { timeCreated: record.time, updated: record.time, storageClass: 'STANDARD',
          timeStorageClassUpdated: record.time, size: String(record.size), md5Hash: md5Base64(record.etag),
          mediaLink: 'https://storage.googleapis.com/download/storage/v1/b/' + record.bucket + '/o/' + name
            + '?generation=' + generation + '&alt=media', etag: record.etag.replace(/"/g, '') });
        if (data.md5Hash === undefined) delete data.md5Hash;
      }
      return { specversion: '1.0', id, source: '//storage.googleapis.com/projects/_/buckets/' + record.bucket,
        subject: 'objects/' + record.key,
        type: 'google.cloud.storage.object.v1.' + (created ? 'finalized' : 'deleted'), time: record.time,
        datacontenttype: 'application/json', data };
    }

    /** A CloudEvent as an HTTP request in binary mode: its attributes in ce-* headers, its data the body. */
    function binaryRequest(event) {
      const headers = [['content-type', event.datacontenttype || 'application/json']];
      for (const key of Object.keys(event)) {
        if (key !== 'data' && key !== 'datacontenttype') headers.push(['ce-' + key, String(event[key])]);
      }
      return { method: 'POST', path: '/', query: '', host: 'localhost', ip: '127.0.0.1', id: event.id, headers,
        body: base64(JSON.stringify(event.data)) };
    }

    const isCloudEvent = (json) => json !== null && typeof json === 'object'
      && ['specversion', 'type', 'source', 'id'].every((k) => typeof json[k] === 'string');

    return {
      pubsub: (queue, m) => published(queue, m.id, m.timestamp, m.body),
      scheduled: (e, id) => published(e.schedule, id, e.time, e.schedule),
      storage, binaryRequest, isCloudEvent,
    };
  }
})
