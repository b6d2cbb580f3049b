// node:util: format and inspect as console.log writes them, promisify and callbackify, inherits, deprecate,
// types, isDeepStrictEqual, TextEncoder and TextDecoder.
'use strict';
const { format, show } = internals;
const { TextEncoder, TextDecoder } = require('./web.js');
const { isDeepStrictEqual } = require('./equality.js');

const custom = Symbol.for('nodejs.util.promisify.custom');
function promisify(original) {
  if (typeof original !== 'function') {
    const error = new TypeError('The "original" argument must be of type function');
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
  if (typeof original[custom] === 'function') return original[custom];
  function promisified(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (error, ...values) => (error ? reject(error) : resolve(values[0])));
    });
  }
  Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
  Object.defineProperty(promisified, custom, { value: promisified });
  return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = custom;

function callbackify(original) {
  return function (...args) {
    const callback = args.pop();
    if (typeof callback !== 'function') throw new TypeError('The last argument must be of type function');
    original.apply(this, args).then((value) => queueMicrotask(() => callback(null, value)),
      (reason) => queueMicrotask(() => callback(reason || Object.assign(new Error('Promise was rejected with a falsy value'), { reason }))));
  };
}

function inherits(constructor, superConstructor) {
  Object.defineProperty(constructor, 'super_', { value: superConstructor, writable: true, configurable: true });
  Object.setPrototypeOf(constructor.prototype, superConstructor.prototype);
}

const warned = new Set();
function deprecate(fn, message, code) {
  return function (...args) {
    const key = code || message;
    if (!warned.has(key)) {
      warned.add(key);
      console.warn('(node:1) ' + (code ? '[' + code + '] ' : '') + 'DeprecationWarning: ' + message);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  };
}

const tag = (value) => Object.prototype.toString.call(value).slice(8, -1);
const TYPED = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
const types = {
  isDate: (v) => tag(v) === 'Date', isRegExp: (v) => tag(v) === 'RegExp', isMap: (v) => tag(v) === 'Map',
  isSet: (v) => tag(v) === 'Set', isWeakMap: (v) => tag(v) === 'WeakMap', isWeakSet: (v) => tag(v) === 'WeakSet',
  isPromise: (v) => tag(v) === 'Promise', isNativeError: (v) => v instanceof Error,
  isArrayBuffer: (v) => tag(v) === 'ArrayBuffer', isAnyArrayBuffer: (v) => tag(v) === 'ArrayBuffer' || tag(v) === 'SharedArrayBuffer',
  isArrayBufferView: (v) => ArrayBuffer.isView(v), isDataView: (v) => tag(v) === 'DataView',
  isTypedArray: (v) => ArrayBuffer.isView(v) && TYPED.includes(tag(v)),
  isAsyncFunction: (v) => tag(v) === 'AsyncFunction' || tag(v) === 'AsyncGeneratorFunction',
  isGeneratorFunction: (v) => tag(v) === 'GeneratorFunction' || tag(v) === 'AsyncGeneratorFunction',
  isGeneratorObject: (v) => tag(v) === 'Generator', isSymbolObject: (v) => typeof v === 'object' && tag(v) === 'Symbol',
  isBoxedPrimitive: (v) => typeof v === 'object' && v !== null && ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(tag(v)),
  isProxy: () => false,
};
for (const name of TYPED) types['is' + name] = (v) => ArrayBuffer.isView(v) && tag(v) === name;

function inspect(value, options) {
  return typeof value === 'string' ? show(value, 1, []) : show(value, 0, []);
}
inspect.custom = Symbol.for('nodejs.util.inspect.custom');

module.exports = {
  format: (...args) => format(args),
  formatWithOptions: (options, ...args) => format(args),
  inspect, promisify, callbackify, inherits, deprecate, types, isDeepStrictEqual, TextEncoder, TextDecoder,
  debuglog: () => Object.assign(() => {}, { enabled: false }),
  isArray: Array.isArray,
};
