// The Fetch standard's Headers, Request, Response, Blob and FormData, and fetch itself, which reaches only the
// function's own workspace: its functions' HTTP triggers, at /fn/{name}/… (relative, or on localhost). Bodies are
// whole byte arrays (no ReadableStream: response.body is null; arrayBuffer(), text(), json() and the others read it).
'use strict';
const { sdkCall } = internals;
// Buffer (the npm buffer package behind node:buffer) only for fetch()'s own trip through the host: loading it costs a
// context milliseconds, and every Worker's, Netlify function's and Azure function's cold start makes a Request.
const base64Of = (bytes) => require('buffer').Buffer.from(bytes).toString('base64');
const bytesOfBase64 = (text) => new Uint8Array(require('buffer').Buffer.from(text, 'base64'));
const { TextEncoder, TextDecoder, AbortController } = require('./web.js');
// URL loads whatwg-url and tr46: only when a request needs one, so that new Response('…') does not.
const URL = function URL(url, base) { return new (require('url').URL)(url, base); };
const isSearchParams = (body) => body !== null && typeof body === 'object' && body instanceof require('url').URLSearchParams;

const encoder = new TextEncoder();
const utf8 = (bytes) => new TextDecoder().decode(bytes);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What a provider's style reads of a Response its handler answered (style/provider/provider.js), at once and in one
// piece: its status, its header list and its bytes, without a promise, a sorted copy of the headers and a decoder
// per request (a Worker's, a Netlify function's, an Azure function's answer on every cold start).
const INSIDE = Symbol.for('faaslab.fetch.inside');

// ---- Headers ----
const normalizeValue = (value) => String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
class Headers {
  #list = []; // [lowercased name, value], in the order appended
  constructor(init) {
    if (init === undefined || init === null) return;
    if (init instanceof Headers) { for (const [name, value] of init.#list) this.#list.push([name, value]); return; }
    if (typeof init !== 'object') throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'");
    if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) throw new TypeError("Failed to construct 'Headers': a header must be a [name, value] pair");
        this.append(entry[0], entry[1]);
      }
    } else {
      for (const name of Object.keys(init)) this.append(name, init[name]);
    }
  }
  static #check(name, value) {
    if (!TOKEN.test(name)) throw new TypeError('Headers: "' + name + '" is an invalid header name.');
    if (/[\0\r\n]/.test(value)) throw new TypeError('Headers: "' + value + '" is an invalid header value.');
  }
  append(name, value) {
    const v = normalizeValue(value);
    Headers.#check(String(name), v);
    this.#list.push([String(name).toLowerCase(), v]);
  }
  set(name, value) {
    const v = normalizeValue(value);
    Headers.#check(String(name), v);
    const key = String(name).toLowerCase();
    let seen = false;
    this.#list = this.#list.filter(([n]) => n !== key || (seen ? false : (seen = true)));
    const at = this.#list.findIndex(([n]) => n === key);
    if (at >= 0) this.#list[at][1] = v;
    else this.#list.push([key, v]);
  }
  get(name) {
    const key = String(name).toLowerCase();
    const values = this.#list.filter(([n]) => n === key).map(([, v]) => v);
    return values.length === 0 ? null : values.join(', ');
  }
  getSetCookie() { return this.#list.filter(([n]) => n === 'set-cookie').map(([, v]) => v); }
  has(name) { const key = String(name).toLowerCase(); return this.#list.some(([n]) => n === key); }
  delete(name) { const key = String(name).toLowerCase(); this.#list = this.#list.filter(([n]) => n !== key); }
  forEach(callback, thisArg) { for (const [name, value] of this) callback.call(thisArg, value, name, this); }
  *entries() {
    const names = [...new Set(this.#list.map(([n]) => n))].sort();
    for (const name of names) {
      if (name === 'set-cookie') for (const value of this.getSetCookie()) yield [name, value];
      else yield [name, this.get(name)];
    }
  }
  *keys() { for (const [name] of this.entries()) yield name; }
  *values() { for (const [, value] of this.entries()) yield value; }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'Headers'; }
  /** The list as kept ([lowercased name, value] in the order appended), for a style's answer (INSIDE, below). */
  static [INSIDE](headers) { return headers.#list.map(([name, value]) => [name, value]); }
}

// ---- Blob and File ----
const bytesOf = (part) => {
  if (part instanceof Blob) return part._bytes;
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  return encoder.encode(String(part));
};
class Blob {
  #bytes;
  #type;
  constructor(parts = [], options = {}) {
    const chunks = Array.from(parts, bytesOf);
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) { all.set(chunk, at); at += chunk.length; }
    this.#bytes = all;
    const type = options && options.type !== undefined ? String(options.type) : '';
    this.#type = /[^\u0020-\u007e]/.test(type) ? '' : type.toLowerCase();
  }
  get _bytes() { return this.#bytes; }
  get size() { return this.#bytes.length; }
  get type() { return this.#type; }
  slice(start = 0, end = this.size, type = '') {
    const clamp = (n) => (n < 0 ? Math.max(this.size + n, 0) : Math.min(n, this.size));
    return new Blob([this.#bytes.subarray(clamp(start), Math.max(clamp(start), clamp(end)))], { type });
  }
  arrayBuffer() { return Promise.resolve(this.#bytes.slice().buffer); }
  bytes() { return Promise.resolve(this.#bytes.slice()); }
  text() { return Promise.resolve(utf8(this.#bytes)); }
  get [Symbol.toStringTag]() { return 'Blob'; }
}
class File extends Blob {
  #name;
  #lastModified;
  constructor(parts, name, options = {}) {
    super(parts, options);
    this.#name = String(name);
    this.#lastModified = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
  }
  get name() { return this.#name; }
  get lastModified() { return this.#lastModified; }
  get [Symbol.toStringTag]() { return 'File'; }
}

// ---- FormData ----
class FormData {
  #entries = [];
  static #value(value, filename) {
    if (value instanceof Blob) {
      return value instanceof File && filename === undefined ? value
        : new File([value], filename !== undefined ? filename : 'blob', { type: value.type });
    }
    return String(value);
  }
  append(name, value, filename) { this.#entries.push([String(name), FormData.#value(value, filename)]); }
  set(name, value, filename) {
    const key = String(name);
    const entry = [key, FormData.#value(value, filename)];
    let seen = false;
    this.#entries = this.#entries.filter(([n]) => n !== key || (seen ? false : (seen = true)));
    const at = this.#entries.findIndex(([n]) => n === key);
    if (at >= 0) this.#entries[at] = entry;
    else this.#entries.push(entry);
  }
  get(name) { const found = this.#entries.find(([n]) => n === String(name)); return found ? found[1] : null; }
  getAll(name) { return this.#entries.filter(([n]) => n === String(name)).map(([, v]) => v); }
  has(name) { return this.#entries.some(([n]) => n === String(name)); }
  delete(name) { this.#entries = this.#entries.filter(([n]) => n !== String(name)); }
  forEach(callback, thisArg) { for (const [name, value] of this.#entries) callback.call(thisArg, value, name, this); }
  *entries() { yield* this.#entries.map((e) => [...e]); }
  *keys() { for (const [name] of this.#entries) yield name; }
  *values() { for (const [, value] of this.#entries) yield value; }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'FormData'; }
}
function multipart(form) {
  const boundary = '----formdata-faaslab-' + Math.random().toString(16).slice(2).padStart(16, '0');
  const escape = (text) => text.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const parts = [];
  for (const [name, value] of form) {
    let head = '--' + boundary + '\r\nContent-Disposition: form-data; name="' + escape(name) + '"';
    if (typeof value === 'string') {
      parts.push(encoder.encode(head + '\r\n\r\n' + value.replace(/\r?\n|\r/g, '\r\n') + '\r\n'));
    } else {
      head += '; filename="' + escape(value.name) + '"\r\nContent-Type: ' + (value.type || 'application/octet-stream') + '\r\n\r\n';
      parts.push(encoder.encode(head), value._bytes, encoder.encode('\r\n'));
    }
  }
  parts.push(encoder.encode('--' + boundary + '--\r\n'));
  return { bytes: new Blob(parts)._bytes, type: 'multipart/form-data; boundary=' + boundary };
}

// ---- Body: what Request and Response share ----
/** The bytes and the Content-Type a body init gives (the Fetch standard's "extract a body"). */
function extract(body) {
  if (body === null || body === undefined) return { bytes: null, type: null };
  if (typeof body === 'string') return { bytes: encoder.encode(body), type: 'text/plain;charset=UTF-8' };
  if (body instanceof Blob) return { bytes: body._bytes, type: body.type || null };
  if (body instanceof FormData) return multipart(body);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bytes: bytesOf(body), type: null };
  if (isSearchParams(body)) return { bytes: encoder.encode(body.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (typeof body === 'object' && typeof body[Symbol.asyncIterator] === 'function') {
    throw new TypeError("FaaS Lab's fetch takes whole bodies (a string, bytes, a Blob, FormData or URLSearchParams), not streams");
  }
  return { bytes: encoder.encode(String(body)), type: 'text/plain;charset=UTF-8' };
}
const bodies = new WeakMap(); // Request or Response -> { bytes, used }
function consume(owner) {
  const body = bodies.get(owner);
  if (body.used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
  body.used = true;
  return Promise.resolve(body.bytes || new Uint8Array(0));
}
const BodyMethods = {
  get bodyUsed() { return bodies.get(this).used; },
  get body() { return null; },
  arrayBuffer() { return consume(this).then((b) => b.slice().buffer); },
  bytes() { return consume(this).then((b) => b.slice()); },
  text() { return consume(this).then(utf8); },
  json() { return this.text().then((text) => JSON.parse(text)); },
  blob() {
    const type = this.headers.get('content-type') || '';
    return consume(this).then((b) => new Blob([b], { type }));
  },
  formData() {
    const type = this.headers.get('content-type') || '';
    return this.text().then((text) => {
      if (!/^application\/x-www-form-urlencoded/i.test(type)) {
        throw new TypeError("FaaS Lab's formData() reads application/x-www-form-urlencoded bodies; this one is '" + type + "'");
      }
      const form = new FormData();
      for (const [name, value] of new (require('url').URLSearchParams)(text)) form.append(name, value);
      return form;
    });
  },
};
function mixBody(target) {
  for (const key of Object.keys(Object.getOwnPropertyDescriptors(BodyMethods))) {
    Object.defineProperty(target.prototype, key, Object.getOwnPropertyDescriptor(BodyMethods, key));
  }
}

// ---- Request ----
const LOCAL = 'http://localhost';
// The methods the Fetch standard upper-cases (not PATCH: 'patch' stays as written).
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
/**
 * Whether `text` is already an absolute http(s) URL in the form the URL standard serializes it to, so that parsing it
 * would give it back unchanged: lower-case host names (no IDNA label, an IPv4 host only as four decimal parts),
 * no default or padded port, no dot segments, nothing the path's or query's percent-encode sets would escape. A
 * Request made from such a string (every request a provider's style hands a handler) skips loading and running
 * whatwg-url, which costs a cold start milliseconds; any other string is parsed as the standard says.
 */
const SERIALIZED = /^(https?):\/\/((?:[a-z0-9-]+\.)*[a-z0-9-]+)(?::([1-9][0-9]{0,4}))?((?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)+)(\?(?:[A-Za-z0-9\-._~!$&()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;
function serialized(text) {
  const m = SERIALIZED.exec(text);
  if (m === null || /\/(\.|%2e){1,2}(\/|$)/i.test(m[4])) return false;
  if (m[3] !== undefined && (Number(m[3]) > 65535 || m[3] === (m[1] === 'http' ? '80' : '443'))) return false;
  const labels = m[2].split('.');
  if (labels.some((label) => label.startsWith('xn--') || label.startsWith('-') || label.endsWith('-'))) return false;
  if (/^[0-9]+$/.test(labels[labels.length - 1])) {
    // An IPv4 address: only its dotted-decimal form of four parts is already serialized.
    return labels.length === 4 && labels.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
  }
  return true;
}

class Request {
  #method;
  #url;
  #headers;
  #signal;
  constructor(input, init = {}) {
    const from = input instanceof Request ? input : null;
    let url;
    try {
      const text = from ? from.url : String(input);
      url = serialized(text) ? text : new URL(text, LOCAL).href;
    } catch (invalid) {
      throw new TypeError('Failed to parse URL from ' + input);
    }
    let method = init.method !== undefined ? String(init.method) : from ? from.method : 'GET';
    if (!TOKEN.test(method)) throw new TypeError("'" + method + "' is not a valid HTTP method.");
    if (METHODS.includes(method.toUpperCase())) method = method.toUpperCase();
    if (['CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase())) throw new TypeError("'" + method + "' HTTP method is unsupported.");
    this.#method = method;
    this.#url = url;
    this.#headers = new Headers(init.headers !== undefined ? init.headers : from ? from.headers : undefined);
    // Made when first read: an AbortController (web.js's EventTarget) per request is a cold start's cost a handler
    // that never reads request.signal should not pay.
    this.#signal = init.signal || (from ? from.signal : null);
    let bytes = from ? bodies.get(from).bytes : null;
    if (init.body !== undefined && init.body !== null) {
      if (method === 'GET' || method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
      const extracted = extract(init.body);
      bytes = extracted.bytes;
      if (extracted.type && !this.#headers.has('content-type')) this.#headers.set('content-type', extracted.type);
    }
    bodies.set(this, { bytes, used: false });
  }
  get method() { return this.#method; }
  get url() { return this.#url; }
  get headers() { return this.#headers; }
  get signal() { return this.#signal || (this.#signal = new AbortController().signal); }
  get redirect() { return 'follow'; }
  get credentials() { return 'same-origin'; }
  get mode() { return 'cors'; }
  get cache() { return 'default'; }
  get referrer() { return 'about:client'; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    return new Request(this);
  }
  get [Symbol.toStringTag]() { return 'Request'; }
}
mixBody(Request);

// ---- Response ----
const REASONS = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 508: 'Loop Detected' };
class Response {
  #status;
  #statusText;
  #headers;
  #type = 'default';
  #url = '';
  constructor(body = null, init = {}) {
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!(status >= 200 && status <= 599) || status !== Math.floor(status)) {
      throw new RangeError("Failed to construct 'Response': The status provided (" + init.status + ') is outside the range [200, 599].');
    }
    this.#status = status;
    this.#statusText = init.statusText === undefined ? '' : String(init.statusText);
    this.#headers = new Headers(init.headers);
    let bytes = null;
    if (body !== null && body !== undefined) {
      if ([101, 204, 205, 304].includes(status)) throw new TypeError('Response with null body status cannot have body');
      const extracted = extract(body);
      bytes = extracted.bytes;
      if (extracted.type && !this.#headers.has('content-type')) this.#headers.set('content-type', extracted.type);
    }
    bodies.set(this, { bytes, used: false });
  }
  /** {status, headers, bytes} of a Response answered to a style; its body is then used, as if read. */
  static [INSIDE](response) {
    const body = bodies.get(response);
    if (body.used) throw new TypeError('Body is unusable: Body has already been read');
    body.used = true;
    return { status: response.#status, headers: Headers[INSIDE](response.#headers), bytes: body.bytes || new Uint8Array(0) };
  }
  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(text, { ...init, headers });
  }
  static error() {
    const response = new Response(null, { status: 200 });
    response.#status = 0;
    response.#type = 'error';
    return response;
  }
  static redirect(url, status = 302) {
    if (![301, 302, 303, 307, 308].includes(status)) throw new RangeError('Invalid status code ' + status);
    return new Response(null, { status, headers: { location: new URL(url, LOCAL).href } });
  }
  static _fetched(status, headers, bytes, url) {
    const response = new Response(null, { status: status < 200 ? 200 : status, headers });
    response.#status = status;
    response.#statusText = REASONS[status] || '';
    response.#url = url;
    response.#type = 'basic';
    bodies.set(response, { bytes, used: false });
    return response;
  }
  get status() { return this.#status; }
  get ok() { return this.#status >= 200 && this.#status <= 299; }
  get statusText() { return this.#statusText; }
  get headers() { return this.#headers; }
  get type() { return this.#type; }
  get url() { return this.#url; }
  get redirected() { return false; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = Response._fetched(this.#status, this.#headers, bodies.get(this).bytes, this.#url);
    copy.#statusText = this.#statusText;
    copy.#type = this.#type;
    return copy;
  }
  get [Symbol.toStringTag]() { return 'Response'; }
}
mixBody(Response);

// ---- fetch: to the workspace's own functions, through the platform ----
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
function refused(url) {
  return new TypeError('fetch(' + JSON.stringify(url) + ') is refused: FaaS Lab functions have no network. fetch reaches'
    + " your workspace's functions through their HTTP triggers, at /fn/{name}/… (as in fetch('/fn/orders/list'))."
    + ' Use the faaslab module for tables, buckets and queues.');
}
function fetch(input, init = undefined) {
  return new Promise((resolve, reject) => {
    const request = new Request(input, init);
    if (request.signal && request.signal.aborted) throw request.signal.reason;
    const url = new URL(request.url);
    if (!(url.protocol === 'http:' || url.protocol === 'https:') || !LOCAL_HOSTS.has(url.hostname) || !url.pathname.startsWith('/fn/')) {
      throw refused(input instanceof Request ? input.url : String(input));
    }
    const bytes = bodies.get(request).bytes;
    bodies.get(request).used = bytes !== null;
    const reply = sdkCall('fetch', 'request', { method: request.method, path: url.pathname, query: url.search.slice(1),
      headers: [...request.headers], body: bytes === null ? null : base64Of(bytes) });
    if (reply.error) {
      const error = new TypeError('fetch failed: ' + reply.error.message);
      error.cause = Object.assign(new Error(reply.error.message), { code: reply.error.code });
      throw error;
    }
    const { status, headers, body } = reply.result;
    const answer = body === null ? null : bytesOfBase64(body);
    resolve(Response._fetched(status, headers, request.method === 'HEAD' ? null : answer, request.url));
  });
}

module.exports = { Headers, Request, Response, Blob, File, FormData, fetch };
