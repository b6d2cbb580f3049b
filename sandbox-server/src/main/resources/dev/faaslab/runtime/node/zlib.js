// node:zlib: gzip, deflate and raw deflate, both ways, done by the host's java.util.zip through the library's door,
// in Node's three forms: gzipSync, gzip(data, callback) and, through util.promisify, a promise.
'use strict';
const { hostCall } = internals;
const { Buffer } = require('buffer');
const { promisify } = require('util');

const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9,
  Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  ZLIB_VERNUM: 4865,
});

function input(data) {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const error = new TypeError('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.'
    + ' Received ' + (data === null ? 'null' : typeof data));
  error.code = 'ERR_INVALID_ARG_TYPE';
  throw error;
}
function run(operation, data, options = {}) {
  const level = options && options.level !== undefined ? options.level : -1;
  if (!(Number.isInteger(level) && level >= -1 && level <= 9)) {
    const error = new RangeError('The value of "options.level" is out of range. It must be >= -1 and <= 9. Received ' + level);
    error.code = 'ERR_OUT_OF_RANGE';
    throw error;
  }
  let bytes;
  try {
    bytes = hostCall('zlib', operation, input(data), level, (options && options.maxOutputLength) || 0);
  } catch (error) {
    if (constants[error.code] !== undefined) error.errno = constants[error.code];
    throw error;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const zlib = { constants };
for (const operation of ['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip']) {
  const sync = (data, options) => run(operation, data, options);
  function callbackForm(data, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    if (typeof callback !== 'function') {
      const error = new TypeError('The "callback" argument must be of type function');
      error.code = 'ERR_INVALID_ARG_TYPE';
      throw error;
    }
    // Node compresses on its thread pool and calls back later; here the work is done now and the callback runs
    // after the current code, as Node's would.
    let result;
    let failure = null;
    try { result = sync(data, options); } catch (error) { failure = error; }
    setImmediate(() => (failure ? callback(failure) : callback(null, result)));
  }
  zlib[operation + 'Sync'] = sync;
  zlib[operation] = callbackForm;
}

let table = null;
zlib.crc32 = (data, value = 0) => {
  if (table === null) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  const bytes = input(data);
  let crc = ~value;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
};
module.exports = zlib;
