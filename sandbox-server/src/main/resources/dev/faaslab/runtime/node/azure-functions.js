// @azure/functions, the Node.js v4 programming model, as FaaS Lab gives it (style azure-functions): `app.http`,
// `app.get` … `app.timer`, `app.storageQueue` and `app.storageBlob` register a function of the Function App (pushed to
// the bootstrap's registrations, where style/azure/azure.js finds them); `HttpRequest`, `HttpResponse` and
// `InvocationContext` are the model's classes over the web's Request and Response. Other triggers and the extra
// inputs and outputs (input.*, output.*) are not here: registering one says so.
'use strict';

const names = new Set(); // lower case: Azure's function names are case-insensitive
const TRIGGERS = { http: 'httpTrigger', timer: 'timerTrigger', storageQueue: 'queueTrigger', storageBlob: 'blobTrigger' };

function register(type, name, options) {
  const how = 'app.' + type + "('" + name + "', { …, handler: " + (type === 'http' ? 'async (request, context) => { … }' : 'async (item, context) => { … }') + ' })';
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,127}$/.test(name)) {
    throw new TypeError('app.' + type + "(name, options): the function's name must be a letter then up to 127 letters, digits, '_' or '-', not " + JSON.stringify(name));
  }
  if (options === null || typeof options !== 'object' || typeof options.handler !== 'function') {
    throw new TypeError(how + ': the options need a handler function');
  }
  if (names.has(name.toLowerCase())) {
    throw new Error('A function with the name "' + name + '" has already been registered: each function of a Function App needs its own name');
  }
  names.add(name.toLowerCase());
  const settings = Object.assign({}, options);
  delete settings.handler;
  internals.register({ library: 'azure', provider: 'Azure Functions', style: 'azure-functions', type, name, handler: options.handler,
    options: Object.freeze(settings), trigger: Object.freeze(Object.assign({ type: TRIGGERS[type], name: type === 'http' ? 'request' : type === 'timer' ? 'myTimer' : type === 'storageQueue' ? 'queueItem' : 'blob' }, settings)) });
}

function http(name, options) {
  if (options === null || typeof options !== 'object') throw new TypeError("app.http('" + name + "', options): the options are an object, { methods, authLevel, route, handler }");
  register('http', name, Object.assign({}, options, { methods: (options.methods || ['GET', 'POST']).map((m) => String(m).toUpperCase()),
    authLevel: options.authLevel || 'anonymous', route: options.route === undefined || options.route === null ? name : options.route }));
}
const verb = (method) => (name, optionsOrHandler) => http(name, Object.assign({},
  typeof optionsOrHandler === 'function' ? { handler: optionsOrHandler } : optionsOrHandler, { methods: [method] }));

const absent = (what) => () => {
  throw new Error('app.' + what + ': FaaS Lab has no ' + what + " trigger. Azure Functions' triggers here are app.http, app.timer,"
    + ' app.storageQueue (the workspace\'s queues) and app.storageBlob (its buckets)');
};

const app = Object.freeze({
  http, get: verb('GET'), put: verb('PUT'), post: verb('POST'), patch: verb('PATCH'), deleteRequest: verb('DELETE'),
  timer: (name, options) => register('timer', name, options),
  storageQueue: (name, options) => register('storageQueue', name, options),
  storageBlob: (name, options) => register('storageBlob', name, options),
  serviceBusQueue: absent('serviceBusQueue'), serviceBusTopic: absent('serviceBusTopic'), eventHub: absent('eventHub'),
  eventGrid: absent('eventGrid'), cosmosDB: absent('cosmosDB'), sql: absent('sql'), warmup: absent('warmup'),
  generic: absent('generic'),
  setup: () => undefined, // HTTP streams and the like: nothing to set up here
});

const WEB = Symbol.for('faaslab.azure.web'); // the web Request or Response an object wraps, given by the style

/** An HTTP trigger's request: the web Request's members, and query (URLSearchParams) and params (the route's). */
class HttpRequest {
  #request;
  #make; // the style's request, made when the handler first reads it (a handler that answers without is spared it)
  #query;
  #queryInit;
  constructor(init = {}) {
    if (typeof init[WEB] === 'function') {
      this.#make = init[WEB];
    } else if (init[WEB]) {
      this.#request = init[WEB];
    } else {
      const method = init.method || 'GET';
      const body = init.body ? (init.body.bytes !== undefined ? init.body.bytes : init.body.string) : undefined;
      this.#request = new Request(init.url || 'http://localhost/', { method, headers: init.headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body });
    }
    this.#queryInit = init.query;
    this.params = Object.assign({}, init.params);
  }
  #web() {
    if (this.#request === undefined) this.#request = this.#make();
    return this.#request;
  }
  // Made when first read: URLSearchParams loads whatwg-url, milliseconds of a cold start a handler that never reads
  // the query should not pay.
  get query() {
    if (this.#query === undefined) {
      const hash = this.#web().url.indexOf('#');
      const url = hash < 0 ? this.#web().url : this.#web().url.slice(0, hash);
      const mark = url.indexOf('?');
      this.#query = new URLSearchParams(this.#queryInit !== undefined ? this.#queryInit : mark < 0 ? '' : url.slice(mark + 1));
    }
    return this.#query;
  }
  get method() { return this.#web().method; }
  get url() { return this.#web().url; }
  get headers() { return this.#web().headers; }
  get user() { return null; } // App Service authentication's principal: none here
  get body() { return this.#web().body; }
  get bodyUsed() { return this.#web().bodyUsed; }
  arrayBuffer() { return this.#web().arrayBuffer(); }
  blob() { return this.#web().blob(); }
  formData() { return this.#web().formData(); }
  json() { return this.#web().json(); }
  text() { return this.#web().text(); }
  clone() { return new HttpRequest({ [WEB]: this.#web().clone(), query: this.query, params: this.params }); }
}

/** An HTTP answer: what a handler may return instead of a plain HttpResponseInit ({ status, body, jsonBody, headers, cookies }). */
class HttpResponse {
  #response;
  constructor(init = {}) {
    const options = { status: init.status, headers: init.headers };
    this.#response = init.jsonBody !== undefined && init.jsonBody !== null ? Response.json(init.jsonBody, options)
      : new Response(init.body, options);
    this.cookies = init.cookies || [];
    this.enableContentNegotiation = Boolean(init.enableContentNegotiation);
  }
  get status() { return this.#response.status; }
  get headers() { return this.#response.headers; }
  get body() { return this.#response.body; }
  get bodyUsed() { return this.#response.bodyUsed; }
  arrayBuffer() { return this.#response.arrayBuffer(); }
  blob() { return this.#response.blob(); }
  formData() { return this.#response.formData(); }
  json() { return this.#response.json(); }
  text() { return this.#response.text(); }
}

const LEVELS = { information: 'log', warning: 'warn', error: 'error', debug: 'debug', trace: 'debug', critical: 'error' };
const consoleLog = (level, ...args) => console[LEVELS[level] || 'log'](...args);

/** The second argument of every handler: the invocation's id, the function's name, its log and its trigger's metadata. */
class InvocationContext {
  #log;
  constructor(init = {}) {
    this.invocationId = init.invocationId || 'unknown';
    this.functionName = init.functionName || 'unknown';
    this.triggerMetadata = init.triggerMetadata;
    this.retryContext = init.retryContext;
    this.traceContext = init.traceContext;
    this.options = Object.assign({ trigger: { name: 'unknown', type: 'unknown' }, extraInputs: [], extraOutputs: [] }, init.options);
    this.#log = init.logHandler || consoleLog;
  }
  log(...args) { this.#log('information', ...args); }
  info(...args) { this.#log('information', ...args); }
  warn(...args) { this.#log('warning', ...args); }
  error(...args) { this.#log('error', ...args); }
  debug(...args) { this.#log('debug', ...args); }
  trace(...args) { this.#log('trace', ...args); }
  get extraInputs() { throw new Error("context.extraInputs: FaaS Lab's Azure Functions have no extra input bindings; read the workspace's tables and buckets with the faaslab module"); }
  get extraOutputs() { throw new Error("context.extraOutputs: FaaS Lab's Azure Functions have no extra output bindings; write to the workspace's queues and buckets with the faaslab module"); }
}

// The style reads the classes from here (it cannot require the module itself), and formats logs as console does.
internals.register({ library: 'azure', type: 'library', HttpRequest, HttpResponse, InvocationContext, format: internals.format });

module.exports = { app, HttpRequest, HttpResponse, InvocationContext };
