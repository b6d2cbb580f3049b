// FaaS Lab's Node.js-style runtime, the core every handler style shares, evaluated once in every
// JavaScript instance before the learner's module. The context is built with SandboxPolicy.CONSTRAINED,
// so nothing here can reach the host: the only ways out are the five functions the host passes in
// (hostSdk, the faaslab module's door, takes and returns JSON text only; hostLib loads Node's core modules and
// hashes, compresses and draws random bytes, in Latin-1 text). This file gives handlers what Node.js gives them
// (console, timers and the event loop, process.env, require, Node's core modules on first use, the web's
// globals, the faaslab module) and
// errors in Lambda's shape; the style's own file (`style`, e.g. style/lambda/lambda.js) says how a handler
// is called and how it answers, and gives the entry point that starts an invocation.
(function bootstrap(hostRecord, hostNow, hostDone, configJson, hostSdk, hostLib, hostTask, style) {
  'use strict';
  const config = JSON.parse(configJson);

  // Graal's shell built-ins are not Node's; remove them so code behaves as it would on Lambda.
  for (const name of ['Java', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal', 'print', 'printErr',
    'quit', 'exit', 'read', 'readline', 'readbuffer', 'console']) {
    try { delete globalThis[name]; } catch (ignored) { /* not configurable: left as the sandbox made it */ }
  }

  // ---- console: Node's util.format, enough of it for logs to read as they would on Lambda ----
  function show(value, depth, seen) {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'undefined': return 'undefined';
      case 'string': return depth === 0 ? value : "'" + value.replace(/'/g, "\\'") + "'";
      case 'number': return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint': return value + 'n';
      case 'boolean': return String(value);
      case 'symbol': return value.toString();
      case 'function': return '[Function: ' + (value.name || '(anonymous)') + ']';
    }
    if (value instanceof Error) return value.stack || value.name + ': ' + value.message;
    if (seen.includes(value)) return '[Circular *1]';
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen.push(value);
    let text;
    const inner = (v) => show(v, depth + 1, seen);
    if (Array.isArray(value)) {
      text = value.length === 0 ? '[]' : '[ ' + value.map(inner).join(', ') + ' ]';
    } else if (value instanceof Date) {
      text = isNaN(value) ? 'Invalid Date' : value.toISOString();
    } else if (value instanceof Map) {
      text = 'Map(' + value.size + ') {' + (value.size ? ' ' + [...value].map(([k, v]) => inner(k) + ' => ' + inner(v)).join(', ') + ' ' : '') + '}';
    } else if (value instanceof Set) {
      text = 'Set(' + value.size + ') {' + (value.size ? ' ' + [...value].map(inner).join(', ') + ' ' : '') + '}';
    } else if (typeof value.then === 'function') {
      text = 'Promise { <pending> }';
    } else {
      const keys = Object.keys(value);
      const proto = Object.getPrototypeOf(value);
      const name = proto === null ? '[Object: null prototype] ' :
        proto.constructor && proto.constructor.name !== 'Object' ? proto.constructor.name + ' ' : '';
      const key = (k) => /^[A-Za-z_$][\w$]*$/.test(k) ? k : "'" + k + "'";
      text = keys.length === 0 ? name + '{}' : name + '{ ' + keys.map((k) => key(k) + ': ' + inner(value[k])).join(', ') + ' }';
    }
    seen.pop();
    return text;
  }

  function format(args) {
    if (args.length === 0) return '';
    let next = 1;
    let text;
    const first = args[0];
    if (typeof first === 'string' && args.length > 1 && first.includes('%')) {
      text = first.replace(/%[sdifjoOc%]/g, (spec) => {
        if (spec === '%%') return '%';
        if (next >= args.length) return spec;
        const arg = args[next++];
        switch (spec) {
          case '%s': return typeof arg === 'string' ? arg : show(arg, 1, []);
          case '%d': case '%i': return typeof arg === 'object' ? 'NaN' : String(spec === '%i' ? parseInt(arg) : Number(arg));
          case '%f': return String(parseFloat(arg));
          case '%j': try { return JSON.stringify(arg); } catch (e) { return '[Circular]'; }
          case '%c': return '';
          default: return show(arg, 1, []);
        }
      });
    } else {
      text = show(first, 0, []);
    }
    for (; next < args.length; next++) text += ' ' + show(args[next], 0, []);
    return text;
  }

  const at = (level) => (...args) => hostRecord(level, format(args));
  const timersByLabel = new Map();
  const counts = new Map();
  const console = {
    log: at('INFO'), info: at('INFO'), debug: at('DEBUG'), warn: at('WARN'), error: at('ERROR'),
    trace: (...args) => hostRecord('TRACE', 'Trace: ' + format(args) + '\n' + new Error().stack.split('\n').slice(2).join('\n')),
    dir: (value) => hostRecord('INFO', show(value, 0, [])),
    table: at('INFO'),
    assert: (condition, ...args) => { if (!condition) hostRecord('ERROR', 'Assertion failed' + (args.length ? ': ' + format(args) : '')); },
    time: (label = 'default') => { timersByLabel.set(label, hostNow()); },
    timeEnd: (label = 'default') => {
      if (timersByLabel.has(label)) { hostRecord('INFO', label + ': ' + (hostNow() - timersByLabel.get(label)) + 'ms'); timersByLabel.delete(label); }
    },
    count: (label = 'default') => { const n = (counts.get(label) || 0) + 1; counts.set(label, n); hostRecord('INFO', label + ': ' + n); },
    group: () => {}, groupEnd: () => {},
  };
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true });

  // ---- timers: a small event loop that the host drives (it sleeps through its one Clock) ----
  const timers = new Map();
  let timerSeq = 0;
  class Timeout {
    constructor(id) { this._id = id; }
    ref() { const t = timers.get(this._id); if (t) t.ref = true; return this; }
    unref() { const t = timers.get(this._id); if (t) t.ref = false; return this; }
    hasRef() { const t = timers.get(this._id); return Boolean(t && t.ref); }
    refresh() { const t = timers.get(this._id); if (t) t.due = hostNow() + t.delay; return this; }
    [Symbol.toPrimitive]() { return this._id; }
  }
  function schedule(callback, ms, args, repeat) {
    if (typeof callback !== 'function') {
      throw new TypeError('The "callback" argument must be of type function. Received ' + (callback === null ? 'null' : typeof callback));
    }
    let delay = Number(ms);
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1; // Node's rule
    const id = ++timerSeq;
    timers.set(id, { due: hostNow() + delay, delay, callback, args, repeat, ref: true });
    return new Timeout(id);
  }
  function cancel(timer) {
    if (timer !== null && timer !== undefined) timers.delete(typeof timer === 'object' ? timer._id : Number(timer));
  }
  globalThis.setTimeout = (callback, ms, ...args) => schedule(callback, ms, args, false);
  globalThis.setInterval = (callback, ms, ...args) => schedule(callback, ms, args, true);
  globalThis.setImmediate = (callback, ...args) => schedule(callback, 0, args, false);
  globalThis.clearTimeout = cancel;
  globalThis.clearInterval = cancel;
  globalThis.clearImmediate = cancel;
  globalThis.queueMicrotask = (callback) => {
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
    Promise.resolve().then(() => callback()).catch(uncaught);
  };
  const hasRefTimers = () => { for (const t of timers.values()) if (t.ref) return true; return false; };
  const nextDue = () => { let due = Infinity; for (const t of timers.values()) if (t.due < due) due = t.due; return due; };

  // ---- process: the function's own environment and nothing of the host's ----
  const env = Object.assign(Object.create(null), config.environment);
  const startedAt = hostNow();
  const hrtime = (previous) => {
    const ms = hostNow();
    const now = [Math.floor(ms / 1000), (ms % 1000) * 1e6];
    if (!previous) return now;
    let s = now[0] - previous[0], ns = now[1] - previous[1];
    if (ns < 0) { s -= 1; ns += 1e9; }
    return [s, ns];
  };
  hrtime.bigint = () => BigInt(hostNow()) * 1000000n;
  const stream = (level) => ({ write: (text) => { hostRecord(level, String(text).replace(/\n$/, '')); return true; } });
  globalThis.process = {
    env, argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'], platform: 'linux', arch: 'x64',
    version: 'v22.0.0', versions: { node: '22.0.0' }, pid: 1, title: 'node',
    cwd: () => '/var/task', uptime: () => (hostNow() - startedAt) / 1000, hrtime,
    nextTick: (callback, ...args) => queueMicrotask(() => callback(...args)),
    stdout: stream('INFO'), stderr: stream('ERROR'),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    exit: (code) => {
      const error = new Error('process.exit(' + (code === undefined ? '' : code) + ') was called: on Lambda that ends the runtime and fails the invocation. Return a value (or throw) instead.');
      error.name = 'Runtime.ExitError';
      throw error;
    },
    // As Node throws when the OS refuses a signal (EPERM); there is no process here to signal.
    kill: () => {
      const error = new Error("process.kill: FaaS Lab's sandbox does not let a function send signals, to itself or to any process. To end an invocation, return a value or throw an error.");
      error.code = 'EPERM';
      error.syscall = 'kill';
      throw error;
    },
    on: () => globalThis.process, once: () => globalThis.process, off: () => globalThis.process,
  };

  // ---- bytes as base64 text, for the SDK's bodies
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const base64Text = (bytes) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      text += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
        + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
    }
    return text;
  };
  // One call through the library's host door: byte views go in as (ArrayBuffer, offset, length); bytes come back as a
  // Uint8Array, or Node's error is thrown ('!' code ':' message).
  function hostCall(operation, ...args) {
    const flat = [operation];
    for (const arg of args) {
      if (ArrayBuffer.isView(arg)) flat.push(arg.buffer, arg.byteOffset, arg.byteLength);
      else flat.push(arg);
    }
    const answer = hostLib(...flat);
    if (typeof answer === 'string') {
      const colon = answer.indexOf(':');
      const code = answer.slice(1, colon);
      const error = new (code === 'ERR_OUT_OF_RANGE' || code === 'ERR_BUFFER_TOO_LARGE' ? RangeError : Error)(answer.slice(colon + 1));
      error.code = code;
      throw error;
    }
    const out = new ArrayBuffer(answer);
    if (answer > 0) hostLib('take', out);
    return new Uint8Array(out);
  }

  // ---- the faaslab module, built on first import: a function that never imports it never pays ----
  let sdk = null;
  const loadSdk = () => sdk || (sdk = makeSdk(hostSdk));
  // The ES module 'faaslab' (three lines the host serves) reaches the SDK through this.
  Object.defineProperty(globalThis, Symbol.for('faaslab.sdk'), { value: loadSdk });

  // ---- Node's core modules: CommonJS modules the host keeps compiled, each loaded on first require ----
  // A call to one of the platform's services (fetch's), as the faaslab module makes it: the reply's JSON, parsed.
  const sdkCall = (service, operation, args) => {
    if (typeof hostSdk !== 'function') return { error: { code: 'ServiceUnavailableException', message: service + ': this runtime has no services.' } };
    return JSON.parse(hostSdk(JSON.stringify({ service, operation, args })));
  };
  // What a provider's module (@google-cloud/functions-framework, @azure/functions) registers as the learner's
  // code loads: the style reads it to find the handler.
  const registrations = [];
  const register = (entry) => { registrations.push(Object.freeze(entry)); };
  const internals = Object.freeze({ hostCall, sdkCall, format, show, hostNow, register });
  const modules = new Map(); // id -> module, as Node's require.cache
  function load(id) {
    const cached = modules.get(id);
    if (cached) return cached.exports;
    const module = { id, exports: {}, loaded: false };
    modules.set(id, module);
    const slash = id.lastIndexOf('/');
    try {
      hostLib('load', id).call(module.exports, module.exports, requireFrom(id), module, id,
        slash < 0 ? id : id.slice(0, slash), internals);
    } catch (error) {
      modules.delete(id);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }
  function requireFrom(from) {
    return (name) => {
      const id = hostLib('resolve', from, String(name));
      if (id === null) {
        const error = new Error("Cannot find module '" + name + "' (required by " + from + ')');
        error.code = 'MODULE_NOT_FOUND';
        throw error;
      }
      return load(id);
    };
  }
  const builtin = (name) => load(hostLib('resolve', null, name));

  // ---- require: Node's core modules, faaslab, and (for a function of several files, hostTask) its package ----
  const moduleError = (message, code) => {
    const error = new Error(message);
    error.code = code;
    return error;
  };
  const taskModules = new Map(); // path -> module, the package's require.cache
  function loadTask(path) {
    const cached = taskModules.get(path);
    if (cached) return cached.exports;
    const wrapper = hostTask('load', path);
    if (typeof wrapper === 'string') throw moduleError(wrapper.slice(1), 'ERR_REQUIRE_ESM');
    const module = { id: path, filename: path, exports: {}, loaded: false, children: [] };
    taskModules.set(path, module);
    const dirname = path.slice(0, path.lastIndexOf('/'));
    try {
      wrapper.call(module.exports, module.exports, requireIn(path), module, path, dirname);
    } catch (error) {
      taskModules.delete(path);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }
  // require as the module at `from` sees it: core modules first, as in Node, then the package's files.
  function requireIn(from) {
    // What a name stands for: ['core', id] for Node's modules, ['task', path] for the package's, or it throws.
    function find(name) {
      const text = String(name);
      const id = hostLib('resolve', null, text);
      if (id !== null) return ['core', id];
      const refusal = hostLib('refusal', text);
      if (refusal !== null) throw moduleError(refusal, 'MODULE_NOT_FOUND');
      if (hostTask === null) {
        throw moduleError("Cannot find module '" + name + "': FaaS Lab runs your one file, without node_modules. Use JavaScript's built-ins, Node's core modules and the faaslab module, paste the code you need into the file, or deploy a package of several files (a zip).", 'MODULE_NOT_FOUND');
      }
      const found = hostTask('resolve', from, text);
      if (found.charAt(0) === '!') throw moduleError(found.slice(1), 'MODULE_NOT_FOUND');
      return ['task', found];
    }
    function require(name) {
      if (name === 'faaslab') return loadSdk();
      const [kind, id] = find(name);
      return kind === 'core' ? load(id) : loadTask(id);
    }
    // require.resolve, as Node's: a package file's path, or a core module's own name.
    require.resolve = (name) => {
      if (name === 'faaslab') return 'faaslab';
      const [kind, id] = find(name);
      return kind === 'core' ? String(name).replace(/^node:/, '') : id;
    };
    return require;
  }
  const require = requireIn('/var/task/' + config.fileName);
  // import 'crypto' (an ES module the host serves over the CommonJS one) reaches it through this.
  Object.defineProperty(globalThis, Symbol.for('faaslab.require'), { value: require });

  // ---- the web's globals and Node's (Buffer, URL, crypto …): each loads its module the first time it is read.
  // Not an accessor per name on the global object: defining two dozen cost a cold start 0.1 to 0.2 ms (measured
  // p50 0.31-0.44 ms against 0.20-0.24 ms without them); one proxy behind the global object costs nothing seen. ----
  // Where each lazy global comes from: [module, export]. A switch, not a table, so that a cold start builds nothing.
  function lazySource(name) {
    switch (name) {
      case 'Buffer': case 'atob': case 'btoa': return ['buffer', name];
      case 'URL': case 'URLSearchParams': return ['url', name];
      case 'crypto': return ['crypto', 'webcrypto'];
      case 'TextEncoder': case 'TextDecoder': case 'structuredClone': case 'EventTarget': case 'Event':
      case 'AbortController': case 'AbortSignal': case 'DOMException': case 'performance': return ['node:web.js', name];
      case 'fetch': case 'Headers': case 'Request': case 'Response': case 'Blob': case 'File': case 'FormData':
        return ['node:fetch.js', name];
      default: return null;
    }
  }
  // The global object finds its own properties first; a name it lacks is looked up behind it, here, and a lazy
  // global's module is loaded then, and the value set on the global object, where the next read finds it.
  const behind = Object.getPrototypeOf(globalThis);
  Object.setPrototypeOf(globalThis, new Proxy(Object.create(behind), {
    has(target, name) { return (typeof name === 'string' && lazySource(name) !== null) || Reflect.has(target, name); },
    get(target, name, receiver) {
      const source = typeof name === 'string' ? lazySource(name) : null;
      if (source === null || Object.prototype.hasOwnProperty.call(globalThis, name)) return Reflect.get(target, name, receiver);
      const exports = source[0].startsWith('node:') ? load(source[0]) : builtin(source[0]);
      const value = exports[source[1]];
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
      return value;
    },
  }));

  // The faaslab SDK: table, bucket and queue, as promises (like the AWS SDK v3). Each call is one JSON
  // request through hostSdk, answered at once; a refusal rejects with an Error whose name is the
  // service's code (ConditionalCheckFailedException, NoSuchKey, ...), so handlers can test e.name.
  function makeSdk(hostSdk) {
    'use strict';
    // Not a class extending Error: GraalJS gives such errors, made in the runtime's own code, no stack
    // frames at all, and a learner needs the line of their call.
    function SdkError(code, message) {
      const error = new Error(message);
      Object.setPrototypeOf(error, SdkError.prototype);
      Object.defineProperty(error, 'name', { value: code, writable: true, configurable: true });
      error.code = code;
      return error;
    }
    SdkError.prototype = Object.create(Error.prototype, {
      constructor: { value: SdkError, writable: true, configurable: true },
      name: { value: 'SdkError', writable: true, configurable: true },
    });

    function send(service, operation, args) {
      let reply;
      try {
        if (typeof hostSdk !== 'function') {
          throw SdkError('ServiceUnavailableException', service + '.' + operation + ': this runtime has no services.');
        }
        reply = JSON.parse(hostSdk(JSON.stringify({ service, operation, args })));
      } catch (error) {
        return Promise.reject(error);
      }
      if (reply.error) return Promise.reject(SdkError(reply.error.code, reply.error.message));
      return Promise.resolve(reply.result);
    }

    const named = (kind, name) => {
      if (typeof name !== 'string' || name === '') {
        throw new TypeError(kind + "(name) needs the " + kind + "'s name, a non-empty string, as in " + kind + "('orders')");
      }
      return name;
    };
    const options = (value) => (value === undefined || value === null ? {} : value);

    function body(value) {
      if (typeof value === 'string') return { body: value };
      if (value instanceof ArrayBuffer) value = new Uint8Array(value);
      if (ArrayBuffer.isView(value)) {
        return { body: base64Text(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)), encoding: 'base64' };
      }
      throw new TypeError('a body must be a string, a Uint8Array or an ArrayBuffer; for an object, send JSON.stringify(object)');
    }
    const messageBody = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

    function table(name) {
      const t = named('table', name);
      return Object.freeze({
        name: t,
        get: (key) => send('table', 'get', { table: t, key }),
        put: (item, opts) => send('table', 'put', Object.assign({}, options(opts), { table: t, item })),
        delete: (key, opts) => send('table', 'delete', Object.assign({}, options(opts), { table: t, key })),
        increment: (key, attribute, by = 1) => send('table', 'increment', { table: t, key, attribute, by }),
        query: (query) => send('table', 'query', Object.assign({}, options(query), { table: t })),
        scan: (scan) => send('table', 'scan', Object.assign({}, options(scan), { table: t })),
        describe: () => send('table', 'describe', { table: t }),
      });
    }

    function bucket(name) {
      const b = named('bucket', name);
      return Object.freeze({
        name: b,
        put: (key, content, opts) => {
          let payload;
          try { payload = body(content); } catch (error) { return Promise.reject(error); }
          return send('bucket', 'put', Object.assign({}, options(opts), payload, { bucket: b, key }));
        },
        get: (key, opts) => send('bucket', 'get', Object.assign({}, options(opts), { bucket: b, key })),
        head: (key) => send('bucket', 'head', { bucket: b, key }),
        list: (opts) => send('bucket', 'list', Object.assign({}, options(opts), { bucket: b })),
        delete: (key) => send('bucket', 'delete', { bucket: b, key }),
      });
    }

    function queue(name) {
      const q = named('queue', name);
      return Object.freeze({
        name: q,
        send: (message, opts) => send('queue', 'send', Object.assign({}, options(opts), { queue: q, body: messageBody(message) })),
        sendBatch: (messages) => {
          if (!Array.isArray(messages)) return Promise.reject(new TypeError('sendBatch takes an array of messages'));
          // SQS wants an id per entry, unique in the batch: its position, unless the caller gave one.
          const entries = messages.map((m, i) => (m !== null && typeof m === 'object' && 'body' in m
            ? Object.assign({ id: String(i) }, m, { body: messageBody(m.body) }) : { id: String(i), body: messageBody(m) }));
          return send('queue', 'sendBatch', { queue: q, entries });
        },
      });
    }

    return Object.freeze({ table, bucket, queue, SdkError });
  }

  // ---- errors, in Lambda's shape, with the learner's file:line:column ----
  const framePattern = /([^\s()]+):(\d+):(\d+)\)?$/;
  // The innermost frame in the learner's code: the handler's file, or (in a package) any of its own modules, not
  // node_modules, which the learner did not write.
  function locate(stackLines) {
    for (const line of stackLines) {
      const m = framePattern.exec(line.trim());
      if (!m) continue;
      if (m[1] === config.fileName || m[1] === '/var/task/' + config.fileName) {
        return { file: config.fileName, line: Number(m[2]), column: Number(m[3]) };
      }
      if (hostTask !== null && m[1].startsWith('/var/task/') && !m[1].includes('/node_modules/')) {
        return { file: m[1].slice('/var/task/'.length), line: Number(m[2]), column: Number(m[3]) };
      }
    }
    return null;
  }
  function describe(error, kind) {
    let errorType, errorMessage, trace;
    if (error instanceof Error || (error !== null && typeof error === 'object' && 'message' in error)) {
      errorType = error.name || (error.constructor && error.constructor.name) || 'Error';
      errorMessage = String(error.message);
      trace = typeof error.stack === 'string' ? error.stack.split('\n') : [];
    } else {
      errorType = typeof error;
      errorMessage = error === undefined ? 'undefined' : error === null ? 'null' : String(error);
      trace = [];
    }
    if (kind === 'INIT' && error && error.code === 'MODULE_NOT_FOUND') errorType = 'Runtime.ImportModuleError';
    return JSON.stringify({ kind, errorType, errorMessage, trace, location: locate(trace) });
  }

  // ---- invocations: the style starts one, the core's event loop ends it ----
  let handler = null;
  let current = null; // the invocation in progress
  function uncaught(error) {
    // On Lambda an uncaught error in a timer or microtask crashes the runtime and fails the invocation.
    if (current) finish(current, false, error);
  }

  function finish(invocation, ok, value) {
    if (invocation.done) return;
    invocation.done = true;
    if (current === invocation) current = null;
    if (!ok) { hostDone(false, describe(value, 'FUNCTION')); return; }
    let json;
    try {
      json = JSON.stringify(value);
    } catch (e) {
      hostDone(false, JSON.stringify({ kind: 'FUNCTION', errorType: 'Runtime.MarshalError',
        errorMessage: 'Unable to stringify the response: ' + e.message, trace: [], location: null }));
      return;
    }
    hostDone(true, json === undefined ? 'null' : json);
  }

  /**
   * A new invocation, now the current one. The style may set invocation.settle(): how it ends when the
   * event loop has emptied before it finished (without one it answers null).
   */
  function begin() {
    const invocation = { done: false, settle: null };
    current = invocation;
    return invocation;
  }

  // The style's invoke(requestId, deadline (epoch ms), attempt, ...the style's input for the event): the function the
  // style's file returns, or its `invoke` with a `resolve(exported)` that finds the handler the style's way.
  const made = style(Object.freeze({ config, hostNow, hostRecord, handler: () => handler, begin, finish,
    sdk: loadSdk, base64Text, registrations, describe }));
  const invoke = typeof made === 'function' ? made : made.invoke;
  const styleResolve = typeof made === 'function' ? null : made.resolve;

  /** A hint when the module follows another provider's handler contract, else null. */
  function otherProvider(exported) {
    const registered = registrations.find((entry) => entry.provider) || null;
    if (registered !== null && registered.provider) {
      return config.fileName + " registers its functions the way " + registered.provider + " does: set the function's"
        + ' style to ' + registered.style + ' to run it unchanged.';
    }
    const main = exported === null || exported === undefined ? undefined : exported.default;
    if (main !== null && typeof main === 'object' && ['fetch', 'scheduled', 'queue'].some((h) => typeof main[h] === 'function')) {
      return config.fileName + " exports Cloudflare Workers' handlers (export default { fetch … }): set the function's"
        + ' style to cloudflare-workers to run it unchanged.';
    }
    if (typeof main === 'function' && typeof exported.handler !== 'function') {
      return config.fileName + " exports a default function, as Netlify's functions do (export default async (req,"
        + " context) => new Response(…)): set the function's style to netlify to run it unchanged, or export a"
        + ' Lambda handler named ' + config.exportName + '.';
    }
    return null;
  }

  return {
    prepareCommonJs() {
      const module = { exports: {}, id: '.', filename: '/var/task/' + config.fileName, loaded: false };
      const __dirname = module.filename.slice(0, module.filename.lastIndexOf('/')); // a package's handler may sit in a folder
      Object.assign(globalThis, { module, exports: module.exports, require, __filename: module.filename, __dirname });
    },

    /** Finds the exported handler; returns null, or an error in Lambda's shape. */
    resolveHandler(namespace) {
      const exported = namespace === null ? globalThis.module.exports : namespace;
      if (styleResolve !== null) {
        // The style answers null when it found the handler, or { errorType, errorMessage, hint } when not.
        const missing = styleResolve(exported);
        return missing === null ? null : JSON.stringify(Object.assign({ kind: 'INIT', errorType: 'Runtime.HandlerNotFound',
          trace: [], location: null, hint: '' }, missing));
      }
      const candidate = exported === null || exported === undefined ? undefined : exported[config.exportName];
      if (typeof candidate === 'function') { handler = candidate; return null; }
      const names = exported ? Object.keys(exported).filter((k) => typeof exported[k] === 'function') : [];
      // Code written for another provider: say which style runs it, rather than which export to add.
      const other = otherProvider(exported);
      return JSON.stringify({ kind: 'INIT', errorType: 'Runtime.HandlerNotFound',
        errorMessage: config.module + '.' + config.exportName + ' is undefined or not exported',
        trace: [], location: null,
        hint: other !== null ? other : names.length
          ? config.fileName + ' exports ' + names.join(', ') + ': set the handler to ' + config.module + '.' + names[0] + ', or export a function named ' + config.exportName + '.'
          : 'Export the handler: `export const ' + config.exportName + ' = async (event) => …` (ES module) or `exports.' + config.exportName + ' = async (event) => …` (CommonJS).' });
    },

    describeInitError(error) { return describe(error, 'INIT'); },

    /** Starts one invocation; it ends when the host sees hostDone (now, or in a later step). */
    invoke,

    /**
     * Runs the timers that are due and decides whether the invocation is over.
     * Returns -1 when it has ended, 0 to be called again at once, or the epoch millisecond of the next timer.
     */
    step() {
      const invocation = current;
      if (invocation === null) return -1;
      const now = hostNow();
      const due = [];
      for (const [id, t] of timers) if (t.due <= now) due.push([id, t]);
      if (due.length > 0) {
        due.sort((a, b) => a[1].due - b[1].due || a[0] - b[0]);
        for (const [id, t] of due) {
          if (!timers.has(id)) continue;
          if (t.repeat) t.due = now + t.delay; else timers.delete(id);
          try { t.callback(...t.args); } catch (error) { uncaught(error); }
          if (invocation.done) return -1;
        }
        return 0; // let the microtasks the timers queued run first
      }
      if (!hasRefTimers()) {
        if (invocation.settle !== null) invocation.settle();
        finish(invocation, true, null); // nothing, if settle() finished it
        return -1;
      }
      return nextDue();
    },
  };
})
