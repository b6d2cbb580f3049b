// node:buffer: the Buffer of the `buffer` package (the one browserify and webpack give, Node's API over
// Uint8Array), with what it lacks and Node has: base64url, UTF-8 decoded as Node decodes it (one U+FFFD for each
// ill-formed sequence), atob and btoa.
'use strict';
const npm = require('buffer/index.js');
const { decodeUtf8, freshState, DOMException } = require('./web.js');
const { Buffer } = npm;

const isBase64Url = (encoding) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url';
const isUtf8 = (encoding) => encoding === undefined || (typeof encoding === 'string'
  && (encoding.toLowerCase() === 'utf8' || encoding.toLowerCase() === 'utf-8'));
const toUrl = (base64) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const from = Buffer.from;
Buffer.from = function (value, encodingOrOffset, length) {
  // The package's base64 decoder already reads - and _ as base64url writes them.
  if (typeof value === 'string' && isBase64Url(encodingOrOffset)) return from.call(this, value, 'base64');
  return from.call(this, value, encodingOrOffset, length);
};
const byteLength = Buffer.byteLength;
Buffer.byteLength = (value, encoding) => byteLength(value, isBase64Url(encoding) ? 'base64' : encoding);
const isEncoding = Buffer.isEncoding;
Buffer.isEncoding = (encoding) => isBase64Url(encoding) || isEncoding(encoding);

const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function (encoding, start, end) {
  if (isUtf8(encoding) || isBase64Url(encoding)) {
    const from = start === undefined ? 0 : Math.max(0, start | 0);
    const to = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (to <= from) return '';
    const part = this.subarray(from, to);
    if (isBase64Url(encoding)) return toUrl(toString.call(part, 'base64'));
    return decodeUtf8(part, freshState(), false, true);
  }
  return toString.apply(this, arguments);
};
Buffer.prototype.toLocaleString = Buffer.prototype.toString;
const write = Buffer.prototype.write;
Buffer.prototype.write = function (string, offset, length, encoding) {
  const args = Array.from(arguments);
  for (let i = 1; i < args.length; i++) if (isBase64Url(args[i])) args[i] = 'base64';
  return write.apply(this, args);
};

// atob and btoa, as the HTML standard has them (forgiving base64): bytes as the chars U+0000 to U+00FF.
function atob(data) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  let text = String(data).replace(/[\t\n\f\r ]/g, '');
  if (text.length % 4 === 0) text = text.replace(/={1,2}$/, '');
  if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) {
    throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  return toString.call(from(text, 'base64'), 'latin1');
}
function btoa(data) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  const text = String(data);
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 255) throw new DOMException('Invalid character', 'InvalidCharacterError');
  }
  return toString.call(from(text, 'latin1'), 'base64');
}

function isUtf8Bytes(input) {
  try {
    decodeUtf8(new Uint8Array(input.buffer || input, input.byteOffset || 0, input.byteLength), freshState(), true, true);
    return true;
  } catch (notUtf8) {
    return false;
  }
}
const isAscii = (input) => new Uint8Array(input.buffer || input, input.byteOffset || 0, input.byteLength).every((b) => b < 0x80);

module.exports = {
  Buffer, SlowBuffer: npm.SlowBuffer, INSPECT_MAX_BYTES: npm.INSPECT_MAX_BYTES, kMaxLength: npm.kMaxLength,
  kStringMaxLength: (1 << 29) - 24, constants: { MAX_LENGTH: npm.kMaxLength, MAX_STRING_LENGTH: (1 << 29) - 24 },
  atob, btoa, isUtf8: isUtf8Bytes, isAscii,
};
// Node's buffer module has Blob and File too; read on first use (an ES module's import of 'buffer' does not list them).
Object.defineProperty(module.exports, 'Blob', { enumerable: true, get: () => require('./fetch.js').Blob });
Object.defineProperty(module.exports, 'File', { enumerable: true, get: () => require('./fetch.js').File });
