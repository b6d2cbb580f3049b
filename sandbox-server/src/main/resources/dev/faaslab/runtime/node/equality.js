// Node's deep equality, strict (util.isDeepStrictEqual, assert.deepStrictEqual) and loose (assert.deepEqual).
'use strict';
const tag = (value) => Object.prototype.toString.call(value);

function equal(a, b, strict, seen) {
  if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true; // eslint-disable-line eqeqeq
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (tag(a) !== tag(b)) return false;
  const pair = seen.get(a);
  if (pair === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === b.getTime() && keysEqual(a, b, strict, seen);
  if (a instanceof RegExp) return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (a instanceof ArrayBuffer) return equal(new Uint8Array(a), new Uint8Array(b), strict, seen);
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !equal(value, b.get(key), strict, seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    outer: for (const value of a) {
      if (b.has(value)) continue;
      if (typeof value === 'object' && value !== null) {
        for (const other of b) if (equal(value, other, strict, seen)) continue outer;
      }
      return false;
    }
    return true;
  }
  if (typeof a.valueOf === 'function' && ['[object Number]', '[object String]', '[object Boolean]'].includes(tag(a))
    && !Object.is(a.valueOf(), b.valueOf())) return false;
  return keysEqual(a, b, strict, seen);
}

function keysEqual(a, b, strict, seen) {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !equal(a[key], b[key], strict, seen)) return false;
  }
  if (strict) {
    const symbolsA = Object.getOwnPropertySymbols(a).filter((s) => Object.prototype.propertyIsEnumerable.call(a, s));
    const symbolsB = Object.getOwnPropertySymbols(b).filter((s) => Object.prototype.propertyIsEnumerable.call(b, s));
    if (symbolsA.length !== symbolsB.length) return false;
    for (const s of symbolsA) if (!equal(a[s], b[s], strict, seen)) return false;
  }
  return true;
}

module.exports = {
  isDeepStrictEqual: (a, b) => equal(a, b, true, new Map()),
  isDeepEqual: (a, b) => equal(a, b, false, new Map()),
};
