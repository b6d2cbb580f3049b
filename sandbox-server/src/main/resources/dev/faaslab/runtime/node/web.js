// The web's globals that Node, Deno, Bun and Cloudflare Workers share (WinterTC's minimum common API) and that make
// sense without a network: TextEncoder and TextDecoder (UTF-8, as the Encoding standard decodes it), Event and
// EventTarget, AbortController and AbortSignal, DOMException, structuredClone and performance. Loaded the first
// time a handler reads one of them.
'use strict';
const { hostNow } = internals;

const utf8Bytes = (text) => {
  const bytes = [];
  for (const ch of String(text)) {
    let c = ch.codePointAt(0);
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate, as Node writes it
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
};

// ---- DOMException, with the legacy codes code still tests ----
const LEGACY_CODES = { IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
  InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18,
  NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
  InvalidNodeTypeError: 24, DataCloneError: 25 };
class DOMException extends Error {
  constructor(message = '', name = 'Error') {
    super(String(message));
    Object.defineProperty(this, 'name', { value: String(name), writable: true, configurable: true });
  }
  get code() { return LEGACY_CODES[this.name] || 0; }
}
for (const [name, code] of Object.entries(LEGACY_CODES)) {
  const constant = name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() + '_ERR';
  Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
}

// ---- TextEncoder and TextDecoder ----
class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') { return new Uint8Array(utf8Bytes(String(input))); }
  encodeInto(source, destination) {
    let read = 0;
    let written = 0;
    for (const ch of String(source)) {
      const bytes = utf8Bytes(ch);
      if (written + bytes.length > destination.length) break;
      destination.set(bytes, written);
      written += bytes.length;
      read += ch.length;
    }
    return { read, written };
  }
}

const UTF8_LABELS = new Set(['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']);
const bytesOf = (input) => {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
};

/**
 * The Encoding standard's UTF-8 decoder, one byte at a time: an ill-formed sequence becomes one U+FFFD (or a
 * TypeError when fatal), and a sequence cut at the end of a chunk waits in `state` for the next one.
 */
function decodeUtf8(bytes, state, fatal, end) {
  const codes = [];
  let text = '';
  let { need, seen, point, lower, upper } = state;
  const fail = () => {
    if (fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
    codes.push(0xfffd);
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (need === 0) {
      if (b <= 0x7f) codes.push(b);
      else if (b >= 0xc2 && b <= 0xdf) { need = 1; point = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        need = 2; point = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        need = 3; point = b & 0x7;
      } else fail();
    } else if (b < lower || b > upper) {
      need = seen = point = 0; lower = 0x80; upper = 0xbf;
      fail();
      i--; // the byte starts afresh
    } else {
      lower = 0x80; upper = 0xbf;
      point = (point << 6) | (b & 0x3f);
      if (++seen === need) { codes.push(point); need = seen = point = 0; }
    }
    if (codes.length >= 8192) { text += String.fromCodePoint.apply(null, codes); codes.length = 0; }
  }
  if (end && need !== 0) { need = seen = point = 0; lower = 0x80; upper = 0xbf; fail(); }
  Object.assign(state, { need, seen, point, lower, upper });
  return text + String.fromCodePoint.apply(null, codes);
}
const freshState = () => ({ need: 0, seen: 0, point: 0, lower: 0x80, upper: 0xbf, started: false });

class TextDecoder {
  #fatal;
  #ignoreBOM;
  #state = freshState();
  constructor(label = 'utf-8', options = {}) {
    const name = String(label).trim().toLowerCase();
    if (!UTF8_LABELS.has(name)) {
      throw new RangeError('The "' + label + '" encoding is not supported: FaaS Lab\'s TextDecoder decodes UTF-8 (use Buffer\'s toString(\'latin1\') or (\'utf16le\') for others)');
    }
    this.#fatal = Boolean(options && options.fatal);
    this.#ignoreBOM = Boolean(options && options.ignoreBOM);
  }
  get encoding() { return 'utf-8'; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }
  decode(input, options = {}) {
    const stream = Boolean(options && options.stream);
    const state = this.#state;
    let text;
    try {
      text = decodeUtf8(bytesOf(input), state, this.#fatal, !stream);
    } catch (error) {
      this.#state = freshState();
      throw error;
    }
    if (!state.started && text.length > 0) {
      state.started = true;
      if (!this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!stream) this.#state = freshState();
    return text;
  }
}

// ---- Event and EventTarget ----
class Event {
  #type;
  #cancelable;
  #bubbles;
  #composed;
  #canceled = false;
  #stopped = false;
  #timeStamp = hostNow();
  constructor(type, init = {}) {
    if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
    this.#type = String(type);
    this.#cancelable = Boolean(init && init.cancelable);
    this.#bubbles = Boolean(init && init.bubbles);
    this.#composed = Boolean(init && init.composed);
    this.target = null;
    this.currentTarget = null;
  }
  get type() { return this.#type; }
  get cancelable() { return this.#cancelable; }
  get bubbles() { return this.#bubbles; }
  get composed() { return this.#composed; }
  get defaultPrevented() { return this.#canceled; }
  get timeStamp() { return this.#timeStamp; }
  get isTrusted() { return false; }
  get eventPhase() { return this.currentTarget === null ? 0 : 2; }
  get returnValue() { return !this.#canceled; }
  get cancelBubble() { return this.#stopped; }
  preventDefault() { if (this.#cancelable) this.#canceled = true; }
  stopPropagation() { this.#stopped = true; }
  stopImmediatePropagation() { this.#stopped = true; this._stopImmediate = true; }
  composedPath() { return this.currentTarget ? [this.currentTarget] : []; }
}
Object.assign(Event, { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 });

class EventTarget {
  #listeners = new Map(); // type -> [{ listener, once, capture }]
  addEventListener(type, listener, options) {
    if (listener === null || listener === undefined) return;
    const opts = typeof options === 'boolean' ? { capture: options } : (options || {});
    const list = this.#listeners.get(type) || [];
    const capture = Boolean(opts.capture);
    if (list.some((l) => l.listener === listener && l.capture === capture)) return;
    if (opts.signal && opts.signal.aborted) return;
    const entry = { listener, once: Boolean(opts.once), capture };
    list.push(entry);
    this.#listeners.set(type, list);
    if (opts.signal) opts.signal.addEventListener('abort', () => this.removeEventListener(type, listener, opts));
  }
  removeEventListener(type, listener, options) {
    const capture = typeof options === 'boolean' ? options : Boolean(options && options.capture);
    const list = this.#listeners.get(type);
    if (!list) return;
    const at = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (at >= 0) list.splice(at, 1);
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an instance of Event');
    event.target = this;
    event.currentTarget = this;
    for (const entry of [...(this.#listeners.get(event.type) || [])]) {
      if (entry.once) this.removeEventListener(event.type, entry.listener, entry);
      const { listener } = entry;
      try {
        if (typeof listener === 'function') listener.call(this, event);
        else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event);
      } catch (error) {
        queueMicrotask(() => { throw error; }); // as Node reports it: uncaught, not thrown to the dispatcher
      }
      if (event._stopImmediate) break;
    }
    event.currentTarget = null;
    return !event.defaultPrevented;
  }
}

// ---- AbortController and AbortSignal ----
const creating = Symbol('creating');
class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  constructor(key) {
    if (key !== creating) throw new TypeError('Illegal constructor: use new AbortController().signal');
    super();
    this.onabort = null;
  }
  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  throwIfAborted() { if (this.#aborted) throw this.#reason; }
  _abort(reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const event = new Event('abort');
    if (typeof this.onabort === 'function') this.onabort.call(this, event);
    this.dispatchEvent(event);
  }
  static abort(reason) {
    const signal = new AbortSignal(creating);
    signal._abort(reason);
    return signal;
  }
  static timeout(ms) {
    const signal = new AbortSignal(creating);
    // Unreferenced, as Node's: a pending timeout signal does not keep the invocation running.
    setTimeout(() => signal._abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms).unref();
    return signal;
  }
  static any(signals) {
    const signal = new AbortSignal(creating);
    for (const source of signals) {
      if (source.aborted) { signal._abort(source.reason); return signal; }
    }
    for (const source of signals) source.addEventListener('abort', () => signal._abort(source.reason), { once: true });
    return signal;
  }
}
class AbortController {
  #signal = new AbortSignal(creating);
  get signal() { return this.#signal; }
  abort(reason) { this.#signal._abort(reason); }
}

// ---- structuredClone: the HTML standard's structured serialisation, in one step ----
const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
function structuredClone(value, options) {
  if (arguments.length === 0) throw new TypeError('The "value" argument must be specified');
  if (options && options.transfer && options.transfer.length) {
    throw new DOMException('FaaS Lab\'s structuredClone copies; it does not transfer', 'DataCloneError');
  }
  const memory = new Map();
  const uncloneable = (what) => new DOMException(what + ' could not be cloned.', 'DataCloneError');
  function clone(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol')) return v;
    if (typeof v === 'symbol') throw uncloneable(String(v));
    if (typeof v === 'function') throw uncloneable(String(v).split('\n')[0]);
    if (memory.has(v)) return memory.get(v);
    const tag = Object.prototype.toString.call(v);
    let copy;
    switch (tag) {
      case '[object Boolean]': copy = Object(Boolean.prototype.valueOf.call(v)); break;
      case '[object Number]': copy = Object(Number.prototype.valueOf.call(v)); break;
      case '[object String]': copy = Object(String.prototype.valueOf.call(v)); break;
      case '[object BigInt]': copy = Object(BigInt.prototype.valueOf.call(v)); break;
      case '[object Date]': copy = new Date(Date.prototype.getTime.call(v)); break;
      case '[object RegExp]': copy = new RegExp(v.source, v.flags); break;
      case '[object ArrayBuffer]': copy = ArrayBuffer.prototype.slice.call(v, 0); break;
      case '[object Map]': {
        copy = new Map();
        memory.set(v, copy);
        for (const [k, item] of v) copy.set(clone(k), clone(item));
        return copy;
      }
      case '[object Set]': {
        copy = new Set();
        memory.set(v, copy);
        for (const item of v) copy.add(clone(item));
        return copy;
      }
      case '[object Error]': {
        const name = ERROR_TYPES[v.name] ? v.name : 'Error';
        copy = new ERROR_TYPES[name](v.message);
        memory.set(v, copy);
        if (typeof v.stack === 'string') copy.stack = v.stack;
        if ('cause' in v) copy.cause = clone(v.cause);
        return copy;
      }
      default:
        if (ArrayBuffer.isView(v)) {
          const buffer = clone(v.buffer);
          const View = tag === '[object DataView]' ? DataView : globalThis[tag.slice(8, -1)];
          // A Node Buffer comes back as what it is underneath, a Uint8Array, as in Node.
          copy = new (View || Uint8Array)(buffer, v.byteOffset, View === DataView ? v.byteLength : v.length);
          break;
        }
        if (tag === '[object Promise]' || tag === '[object WeakMap]' || tag === '[object WeakSet]'
          || tag === '[object WeakRef]' || v instanceof EventTarget) {
          throw uncloneable(tag.slice(8, -1) + ' object');
        }
        copy = Array.isArray(v) ? new Array(v.length) : {};
        memory.set(v, copy);
        for (const key of Object.keys(v)) copy[key] = clone(v[key]);
        return copy;
    }
    memory.set(v, copy);
    return copy;
  }
  return clone(value);
}

// ---- performance: milliseconds since the instance started, on the one clock ----
const timeOrigin = hostNow();
const performance = Object.freeze({
  timeOrigin,
  now: () => hostNow() - timeOrigin,
  toJSON: () => ({ timeOrigin }),
});

module.exports = { DOMException, TextEncoder, TextDecoder, Event, EventTarget, AbortController, AbortSignal,
  structuredClone, performance, decodeUtf8, freshState };
