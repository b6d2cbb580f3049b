// Azure Functions' handler contract, the Node.js v4 programming model: the file is a Function App whose functions
// are registered with @azure/functions (runtime/node/azure-functions.js): app.http(name, { methods, route, handler })
// answers requests to /api/{route} (the function's name by default), each called with (request, context);
// app.timer, app.storageQueue and app.storageBlob are called with (timer | item | blob, context) for the one
// function the handler names. As Azure's host writes them, every execution is logged between
// "Executing 'Functions.name' (Reason=…, Id=…)" and "Executed 'Functions.name' (Succeeded|Failed, Id=…, Duration=…ms)".
(function azureStyle(core, provider) {
  'use strict';
  const { config, begin, hostNow, hostRecord, registrations } = core;
  const WEB = Symbol.for('faaslab.azure.web');
  const CALLED = 'This function was programmatically called via the host APIs.';
  const KINDS = { http: 'app.http', timer: 'app.timer', storageQueue: 'app.storageQueue', storageBlob: 'app.storageBlob' };
  const EXAMPLE = "const { app } = require('@azure/functions'); app.http('" + config.exportName + "', { methods: ['GET'],"
    + " handler: async (request, context) => ({ body: 'Hello, world!' }) });";
  let library = null; // the classes of @azure/functions
  let own = null; // the function the handler names: timer, queue and blob events call it
  let routes = []; // the HTTP functions, most literal route first

  // ---- finding the Function App's functions ----
  function resolve() {
    const functions = registrations.filter((r) => r.library === 'azure' && r.type !== 'library');
    library = registrations.find((r) => r.library === 'azure' && r.type === 'library') || null;
    const wanted = config.exportName.toLowerCase();
    own = functions.find((f) => f.name.toLowerCase() === wanted) || null;
    if (own !== null) {
      routes = functions.filter((f) => f.type === 'http').map(compileRoute).sort((a, b) => a.rank - b.rank);
      return null;
    }
    if (functions.length === 0) {
      return { errorMessage: config.fileName + " registers no function: in Azure Functions' Node.js v4 model a file registers"
        + " them with app.http(…), app.timer(…), app.storageQueue(…) or app.storageBlob(…) of '@azure/functions'",
      hint: 'Register one: `' + EXAMPLE + '`' };
    }
    const list = functions.map((f) => f.name + ' (' + KINDS[f.type] + ')').join(', ');
    return { errorMessage: config.module + '.' + config.exportName + ": no function named '" + config.exportName
      + "' is registered in " + config.fileName + '; it registers ' + list,
    hint: 'Set the handler to ' + config.module + '.' + functions[0].name + ": the handler names the function that"
      + ' timer, queue and bucket events call (HTTP requests find theirs by route, among all of them).' };
  }

  /** An HTTP function's route template ('products/{id:int}/{*rest}') as a pattern over the path after /api. */
  function compileRoute(f) {
    const names = [];
    let pattern = '';
    let rank = 0;
    const segments = String(f.options.route).split('/').filter((s) => s !== '');
    for (const segment of segments) {
      const whole = /^\{(\*{0,2})([A-Za-z_]\w*)(?::(\w+)(?:\([^)]*\))?)?(\?)?\}$/.exec(segment);
      if (whole !== null && (whole[1] || whole[4])) { // a catch-all or optional segment: its slash is optional too
        names.push(whole[2]);
        pattern += whole[1] ? '(?:/(.*))?' : '(?:/(' + piece(whole[3]) + '))?';
        rank += whole[1] ? 100 : 10;
        continue;
      }
      pattern += '/' + segment.replace(/\{([A-Za-z_]\w*)(?::(\w+)(?:\([^)]*\))?)?\}|([^{]+)/g, (all, name, constraint, text) => {
        if (text !== undefined) return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        rank += 1;
        return '(' + piece(constraint) + ')';
      });
    }
    return { f, names, rank, pattern: new RegExp('^/api' + pattern + '/?$', 'i') };
  }
  const piece = (constraint) => (constraint === 'int' || constraint === 'long' ? '-?\\d+'
    : constraint === 'alpha' ? '[A-Za-z]+' : constraint === 'bool' ? 'true|false' : '[^/]+?');

  /** The HTTP function and route values for a request; null: Azure's 404 (a path no route takes, or a method none allows). */
  function route(e) {
    for (const r of routes) {
      const m = r.pattern.exec(e.path);
      if (m === null || !r.f.options.methods.includes(e.method.toUpperCase())) continue;
      const params = {};
      r.names.forEach((name, i) => { if (m[i + 1] !== undefined) params[name] = decodeURIComponent(m[i + 1]); });
      return { f: r.f, params };
    }
    return null;
  }

  // ---- one execution of a function, in Azure's log words ----
  async function execute(f, reason, requestId, call, triggerMetadata) {
    const started = hostNow();
    hostRecord('INFO', "Executing 'Functions." + f.name + "' (Reason='" + reason + "', Id=" + requestId + ')');
    const context = new library.InvocationContext({ invocationId: requestId, functionName: f.name, triggerMetadata,
      options: { trigger: f.trigger, extraInputs: [], extraOutputs: [] }, logHandler: logHandler });
    const ended = (how) => "Executed 'Functions." + f.name + "' (" + how + ', Id=' + requestId + ', Duration='
      + Math.round(hostNow() - started) + 'ms)';
    try {
      const value = await call(context);
      hostRecord('INFO', ended('Succeeded'));
      return value;
    } catch (error) {
      hostRecord('ERROR', ended('Failed'));
      throw error;
    }
  }
  const LEVELS = { information: 'INFO', warning: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE', critical: 'FATAL' };
  const logHandler = (level, ...args) => hostRecord(LEVELS[level] || 'INFO', library.format(args));

  /** The function the handler names, when it has the trigger an event needs; else an error saying which it has. */
  function ownFor(type, what) {
    if (own.type === type) return own;
    const error = new Error(config.module + '.' + config.exportName + ' names ' + KINDS[own.type] + "('" + own.name + "'), and "
      + what + ' calls the handler\'s function: set the handler to a function registered with ' + KINDS[type]);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }

  // ---- the triggers ----
  const NOT_FOUND = provider.envelope(404, [], null); // Azure's host: no route, or not this method (an empty 404)

  async function onHttp(e, requestId) {
    const found = route(e);
    if (found === null) return NOT_FOUND;
    const request = new library.HttpRequest({ [WEB]: () => provider.requestOf(e), params: found.params });
    return execute(found.f, CALLED, requestId, async (context) => replyOf(await found.f.handler(request, context)));
  }

  /** A handler's answer (HttpResponseInit or HttpResponse) as the host's envelope, as the library's toRpcHttp reads it. */
  async function replyOf(answer) {
    if (answer === undefined || answer === null) return provider.envelope(204, [], null);
    if (typeof answer !== 'object') {
      throw new TypeError('The HTTP response must be an object with optional properties "body", "status", "headers", and "cookies".');
    }
    // The commonest answer, { body: 'text' } or { status, jsonBody } and nothing else, straight to the envelope: what
    // a web Response made of it would give (its content type, the UTF-8 text), without building one per request.
    const plain = Object.getPrototypeOf(answer) === Object.prototype && answer.headers === undefined
      && answer.cookies === undefined && (answer.status === undefined || Number.isInteger(answer.status));
    if (plain && typeof answer.body === 'string' && answer.jsonBody === undefined) {
      return provider.envelope(answer.status === undefined ? 200 : answer.status,
        [['content-type', 'text/plain;charset=UTF-8']], answer.body);
    }
    if (plain && answer.body === undefined && answer.jsonBody !== undefined && answer.jsonBody !== null) {
      const text = JSON.stringify(answer.jsonBody);
      if (typeof text === 'string') {
        return provider.envelope(answer.status === undefined ? 200 : answer.status, [['content-type', 'application/json']], text);
      }
    }
    const response = answer instanceof library.HttpResponse ? answer : new library.HttpResponse(answer);
    const headers = [];
    response.headers.forEach((value, name) => { headers.push([name, value]); });
    for (const cookie of response.cookies) headers.push(['set-cookie', cookieText(cookie)]);
    return provider.envelope(response.status, headers, new Uint8Array(await response.arrayBuffer()));
  }
  function cookieText(c) {
    let text = c.name + '=' + c.value;
    if (c.domain) text += '; domain=' + c.domain;
    if (c.path) text += '; path=' + c.path;
    if (c.expires !== undefined) text += '; expires=' + new Date(c.expires).toUTCString();
    if (c.maxAge !== undefined) text += '; max-age=' + c.maxAge;
    if (c.secure) text += '; secure';
    if (c.httpOnly) text += '; httponly';
    if (c.sameSite) text += '; samesite=' + c.sameSite;
    return text;
  }

  async function onSchedule(e, requestId) {
    const f = ownFor('timer', 'a schedule');
    const now = hostNow();
    // Azure's timer object; scheduleStatus.next needs the NCRONTAB schedule, which FaaS Lab's schedule holds instead.
    const timer = { schedule: { adjustForDST: true }, isPastDue: now - e.time > 60000,
      scheduleStatus: { last: new Date(e.time).toISOString(), next: null, lastUpdated: new Date(now).toISOString() } };
    await execute(f, 'Timer fired at ' + new Date(e.time).toISOString(), requestId, (context) => f.handler(timer, context));
    return null;
  }

  // One execution per message, as Azure's queue trigger runs; a message whose execution threw is retried.
  async function onQueue(e, requestId) {
    const f = ownFor('storageQueue', 'a queue message');
    const failed = new Map();
    for (const m of e.messages) {
      let item;
      try { item = JSON.parse(m.body); } catch (notJson) { item = m.body; }
      const inserted = new Date(m.timestamp);
      const metadata = { id: m.id, dequeueCount: m.attempts, insertionTime: inserted.toISOString(),
        expirationTime: new Date(m.timestamp + 7 * 24 * 3600 * 1000).toISOString(), queueTrigger: m.body };
      try {
        await execute(f, "New queue message detected on '" + e.queue + "'.", requestId, (context) => f.handler(item, context), metadata);
      } catch (error) {
        failed.set(m.id, 'retry');
        hostRecord('ERROR', 'Exception while executing function: Functions.' + f.name + '. Result: Failure\nException: '
          + (error instanceof Error ? error.stack || error.name + ': ' + error.message : String(error)));
      }
    }
    return provider.batchIds(e.messages, failed);
  }

  /** A blob trigger's path ('samples-workitems/{name}'): the container and a pattern for the blob's name. */
  function blobPath(path) {
    const text = String(path || '');
    const slash = text.indexOf('/');
    const names = [];
    const pattern = slash < 0 ? '.+' : text.slice(slash + 1).replace(/\{(\w+)\}|([^{]+)/g, (all, name, literal) => {
      if (literal !== undefined) return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    });
    return { container: slash < 0 ? text : text.slice(0, slash), names, pattern: new RegExp('^' + pattern + '$') };
  }

  async function onBucket(e, requestId) {
    const f = ownFor('storageBlob', 'a bucket notification');
    const path = blobPath(f.options.path);
    for (const r of e.records) {
      const m = r.bucket === path.container && r.event.startsWith('ObjectCreated') ? path.pattern.exec(r.key) : null;
      if (m === null) continue; // Azure's blob trigger sees new and changed blobs of its path only
      const object = await core.sdk().bucket(r.bucket).get(r.key, { encoding: 'base64' });
      const blob = Buffer.from(provider.bytesOf(object.body));
      const metadata = { blobTrigger: r.bucket + '/' + r.key, uri: 'faaslab://' + r.bucket + '/' + r.key,
        properties: { length: blob.length, contentType: object.contentType, eTag: r.etag }, metadata: {} };
      path.names.forEach((name, i) => { metadata[name] = m[i + 1]; });
      await execute(f, 'New blob detected(LogsAndContainerScan): ' + r.bucket + '/' + r.key, requestId,
        (context) => f.handler(blob, context), metadata);
    }
    return null;
  }

  // The Invoke API's own JSON: an HTTP function gets it POSTed to its route; another function gets it as its input,
  // as Azure's admin endpoint (POST /admin/functions/{name}) runs a function with the input it is given.
  async function onJson(e, requestId) {
    if (own.type !== 'http') return execute(own, CALLED, requestId, (context) => own.handler(e.json, context));
    const route = String(own.options.route).replace(/\{[^}]*\}/g, '_');
    const request = new library.HttpRequest({ [WEB]: new Request('http://localhost/fn/' + config.functionName + '/api/' + route,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e.json) }) });
    return execute(own, CALLED, requestId, async (context) => replyOf(await own.handler(request, context)));
  }

  const ON = { http: onHttp, schedule: onSchedule, queue: onQueue, bucket: onBucket, json: onJson };

  function invoke(requestId, deadline, attempt, text) {
    const invocation = begin();
    const e = JSON.parse(text);
    provider.settleWith(invocation, ON[e.kind](e, requestId), "the Azure function's handler never answered, and nothing"
      + ' else was scheduled: make sure every path of it returns (or throws), and that it awaits its promises.');
  }

  return { invoke, resolve };
})
