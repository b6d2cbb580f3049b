// node:crypto and the web's crypto (getRandomValues, randomUUID, subtle): hashes, HMACs and random bytes done by
// the host's JDK through the library's door, with Node's and WebCrypto's names, shapes and errors.
'use strict';
const { hostCall } = internals;
const { Buffer } = require('buffer');
const { DOMException } = require('./web.js');

function nodeError(Type, code, message) {
  const error = new Type(message);
  error.code = code;
  return error;
}
/** One call through the door: bytes back (as a Buffer), or Node's error thrown. */
function host(...args) {
  const bytes = hostCall(...args);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
function bytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be of type string or an instance of Buffer, TypedArray, or DataView.'
    + ' Received ' + (data === null ? 'null' : typeof data));
}
const joined = (chunks) => (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
const out = (buffer, encoding) => (encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding));

const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const hashName = (algorithm) => {
  const name = String(algorithm).toLowerCase().replace(/^rsa-/, '');
  const known = { 'sha-1': 'sha1', 'sha-224': 'sha224', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' }[name] || name;
  return HASHES.includes(known) ? known : null;
};

class Hash {
  #algorithm;
  #chunks = [];
  #done = false;
  constructor(algorithm) {
    this.#algorithm = hashName(algorithm);
    if (this.#algorithm === null) {
      throw nodeError(Error, 'ERR_OSSL_EVP_UNSUPPORTED', 'Digest method not supported: ' + algorithm
        + " (FaaS Lab's crypto has " + HASHES.join(', ') + ')');
    }
  }
  update(data, encoding) {
    if (this.#done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.#chunks.push(Buffer.from(bytes(data, encoding)));
    return this;
  }
  digest(encoding) {
    if (this.#done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.#done = true;
    return out(host('digest', this.#algorithm, joined(this.#chunks)), encoding);
  }
  copy() {
    if (this.#done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    const copy = new Hash(this.#algorithm);
    for (const chunk of this.#chunks) copy.update(chunk);
    return copy;
  }
}

class Hmac {
  #algorithm;
  #key;
  #chunks = [];
  #done = false;
  constructor(algorithm, key, encoding) {
    this.#algorithm = hashName(algorithm);
    if (this.#algorithm === null) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + algorithm);
    this.#key = Buffer.from(bytes(key && key.export ? key.export() : key, encoding, 'key'));
  }
  update(data, encoding) {
    if (this.#done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.#chunks.push(Buffer.from(bytes(data, encoding)));
    return this;
  }
  digest(encoding) {
    // Node answers an empty digest when asked twice, not an error.
    if (this.#done) return out(Buffer.alloc(0), encoding);
    this.#done = true;
    return out(host('hmac', this.#algorithm, this.#key, joined(this.#chunks)), encoding);
  }
}

function randomBytes(size, callback) {
  if (typeof size !== 'number' || !(size >= 0) || size !== Math.floor(size)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ' + size);
  }
  const buffer = host('random', size);
  if (typeof callback === 'function') { queueMicrotask(() => callback(null, buffer)); return undefined; }
  return buffer;
}
function randomFillSync(target, offset = 0, size) {
  const view = new Uint8Array(target.buffer || target, target.byteOffset || 0, target.byteLength);
  const count = size === undefined ? view.length - offset : size;
  view.set(host('random', count), offset);
  return target;
}
function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max <= min) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + max);
  }
  const range = max - min;
  const limit = 2 ** 48 - (2 ** 48 % range); // no modulo bias
  let n;
  do { n = host('random', 6).readUIntBE(0, 6); } while (n >= limit);
  const value = min + (n % range);
  if (typeof callback === 'function') { queueMicrotask(() => callback(null, value)); return undefined; }
  return value;
}
function randomUUID() {
  const b = host('random', 16);
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = b.toString('hex');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}
const INTEGER_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
function getRandomValues(array) {
  const type = Object.prototype.toString.call(array).slice(8, -1);
  if (!ArrayBuffer.isView(array) || !INTEGER_ARRAYS.includes(type)) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (array.byteLength > 65536) {
    throw new DOMException("The ArrayBufferView's byte length (" + array.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)', 'QuotaExceededError');
  }
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(host('random', array.byteLength));
  return array;
}
function timingSafeEqual(a, b) {
  const x = bytes(a, undefined, 'buf1');
  const y = bytes(b, undefined, 'buf2');
  if (x.byteLength !== y.byteLength) {
    throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= x[i] ^ y[i];
  return difference === 0;
}

// ---- SubtleCrypto: digest, and HMAC keys (import, generate, export, sign, verify) ----
const webHash = (algorithm) => {
  const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
  const known = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' }[String(name).toUpperCase()];
  if (!known) throw new DOMException('Unrecognized algorithm name: ' + name + " (FaaS Lab's subtle crypto digests with SHA-1, SHA-256, SHA-384 and SHA-512)", 'NotSupportedError');
  return { node: known, web: String(name).toUpperCase() };
};
const bufferSource = (data) => {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('Failed to execute: the data is not of type BufferSource (an ArrayBuffer or a view of one)');
};
const arrayBuffer = (buffer) => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);

const keyData = new WeakMap();
class CryptoKey {
  constructor(secret) { if (secret !== keyData) throw new TypeError('Illegal constructor'); }
}
function makeKey(bytesOfKey, hash, extractable, usages) {
  const key = new CryptoKey(keyData);
  Object.defineProperties(key, {
    type: { value: 'secret', enumerable: true },
    extractable: { value: Boolean(extractable), enumerable: true },
    algorithm: { value: Object.freeze({ name: 'HMAC', hash: Object.freeze({ name: hash.web }), length: bytesOfKey.length * 8 }), enumerable: true },
    usages: { value: Object.freeze([...usages]), enumerable: true },
  });
  keyData.set(key, { bytes: Buffer.from(bytesOfKey), hash });
  return key;
}
const hmacOnly = (algorithm) => {
  const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
  if (String(name).toUpperCase() !== 'HMAC') {
    throw new DOMException('Unrecognized algorithm name: ' + name + " (FaaS Lab's subtle crypto has digest and HMAC keys)", 'NotSupportedError');
  }
};
const keyFor = (key, usage) => {
  const data = keyData.get(key);
  if (!data) throw new TypeError('The key is not a CryptoKey');
  if (!key.usages.includes(usage)) throw new DOMException("The key's usages do not include '" + usage + "'", 'InvalidAccessError');
  return data;
};
const promised = (work) => new Promise((resolve) => resolve(work()));

const subtle = Object.freeze({
  digest: (algorithm, data) => promised(() => arrayBuffer(host('digest', webHash(algorithm).node, bufferSource(data)))),
  importKey: (format, data, algorithm, extractable, usages) => promised(() => {
    hmacOnly(algorithm);
    if (format !== 'raw') throw new DOMException("FaaS Lab imports HMAC keys in the 'raw' format; received '" + format + "'", 'NotSupportedError');
    const raw = bufferSource(data);
    if (raw.length === 0) throw new DOMException('The key must not be empty', 'DataError');
    return makeKey(raw, webHash(algorithm.hash), extractable, usages);
  }),
  generateKey: (algorithm, extractable, usages) => promised(() => {
    hmacOnly(algorithm);
    const hash = webHash(algorithm.hash);
    const length = algorithm.length || (hash.node === 'sha384' || hash.node === 'sha512' ? 1024 : 512);
    return makeKey(host('random', Math.ceil(length / 8)), hash, extractable, usages);
  }),
  exportKey: (format, key) => promised(() => {
    if (!key.extractable) throw new DOMException('The key is not extractable', 'InvalidAccessError');
    if (format !== 'raw') throw new DOMException("FaaS Lab exports HMAC keys in the 'raw' format", 'NotSupportedError');
    return arrayBuffer(keyData.get(key).bytes);
  }),
  sign: (algorithm, key, data) => promised(() => {
    hmacOnly(algorithm);
    const { bytes: secret, hash } = keyFor(key, 'sign');
    return arrayBuffer(host('hmac', hash.node, secret, bufferSource(data)));
  }),
  verify: (algorithm, key, signature, data) => promised(() => {
    hmacOnly(algorithm);
    const { bytes: secret, hash } = keyFor(key, 'verify');
    const expected = host('hmac', hash.node, secret, bufferSource(data));
    const given = bufferSource(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }),
});
const webcrypto = Object.freeze({ getRandomValues, randomUUID, subtle, CryptoKey });

module.exports = {
  createHash: (algorithm) => new Hash(algorithm),
  createHmac: (algorithm, key, options) => new Hmac(algorithm, key, options && options.encoding),
  hash: (algorithm, data, outputEncoding = 'hex') => new Hash(algorithm).update(data).digest(outputEncoding),
  getHashes: () => [...HASHES],
  randomBytes, randomFillSync, randomInt, randomUUID, getRandomValues, timingSafeEqual,
  webcrypto, subtle, Hash, Hmac,
};
