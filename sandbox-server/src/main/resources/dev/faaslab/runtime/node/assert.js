// node:assert: the assertions Node gives, each throwing an AssertionError with Node's code, operator and message.
'use strict';
const { show } = internals;
const { isDeepStrictEqual, isDeepEqual } = require('./equality.js');

class AssertionError extends Error {
  constructor(options) {
    const { message, actual, expected, operator } = options || {};
    const generated = message === undefined;
    super(generated ? show(actual, 1, []) + ' ' + operator + ' ' + show(expected, 1, []) : String(message));
    Object.defineProperty(this, 'name', { value: 'AssertionError', writable: true, configurable: true });
    Object.assign(this, { generatedMessage: generated, code: 'ERR_ASSERTION', actual, expected, operator });
  }
}

function fail(message, actual, expected, operator, defaultMessage) {
  if (message instanceof Error) throw message;
  const error = new AssertionError({ message: message === undefined ? defaultMessage : message, actual, expected, operator });
  if (message === undefined) error.generatedMessage = true;
  throw error;
}
const describe = (value) => show(value, 1, []);

function ok(value, message) {
  if (arguments.length === 0) fail(message, undefined, true, '==', 'No value argument passed to `assert.ok()`');
  if (!value) fail(message, value, true, '==', 'The expression evaluated to a falsy value:\n\n  assert.ok(' + describe(value) + ')\n');
}
const compare = (test, operator, text) => (actual, expected, message) => {
  if (!test(actual, expected)) fail(message, actual, expected, operator, text(actual, expected));
};
const equal = compare((a, b) => a == b || (a !== a && b !== b), '==', (a, b) => describe(a) + ' == ' + describe(b)); // eslint-disable-line eqeqeq
const notEqual = compare((a, b) => a != b, '!=', (a, b) => describe(a) + ' != ' + describe(b)); // eslint-disable-line eqeqeq
const strictEqual = compare(Object.is, 'strictEqual', (a, b) => 'Expected values to be strictly equal:\n\n' + describe(a) + ' !== ' + describe(b) + '\n');
const notStrictEqual = compare((a, b) => !Object.is(a, b), 'notStrictEqual', (a) => 'Expected "actual" to be strictly unequal to: ' + describe(a));
const deepEqual = compare(isDeepEqual, 'deepEqual', (a, b) => 'Expected values to be loosely deep-equal:\n\n' + describe(a) + '\n\nshould loosely deep-equal\n\n' + describe(b));
const notDeepEqual = compare((a, b) => !isDeepEqual(a, b), 'notDeepEqual', (a) => '"actual" deepEqual "expected": ' + describe(a));
const deepStrictEqual = compare(isDeepStrictEqual, 'deepStrictEqual', (a, b) => 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ ' + describe(a) + '\n- ' + describe(b) + '\n');
const notDeepStrictEqual = compare((a, b) => !isDeepStrictEqual(a, b), 'notDeepStrictEqual', (a) => 'Expected "actual" not to be strictly deep-equal to: ' + describe(a));

function matches(error, expected) {
  if (expected === undefined) return true;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return expected.call({}, error) === true;
  }
  if (expected instanceof RegExp) return expected.test(String(error));
  if (typeof expected === 'object' && expected !== null) {
    return Object.keys(expected).every((key) => (expected[key] instanceof RegExp && typeof error[key] === 'string'
      ? expected[key].test(error[key]) : isDeepStrictEqual(error[key], expected[key])));
  }
  return false;
}
function throws(fn, expected, message) {
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  try {
    fn();
  } catch (error) {
    if (!matches(error, expected)) throw error;
    return;
  }
  fail(message, undefined, expected, 'throws', 'Missing expected exception' + (message ? ': ' + message : '.'));
}
function doesNotThrow(fn, expected, message) {
  try {
    fn();
  } catch (error) {
    fail(typeof expected === 'string' ? expected : message, error, expected, 'doesNotThrow', 'Got unwanted exception.\nActual message: "' + (error && error.message) + '"');
  }
}
async function rejects(promiseOrFn, expected, message) {
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    if (!matches(error, expected)) throw error;
    return;
  }
  fail(message, undefined, expected, 'rejects', 'Missing expected rejection' + (message ? ': ' + message : '.'));
}
async function doesNotReject(promiseOrFn, expected, message) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    fail(typeof expected === 'string' ? expected : message, error, expected, 'doesNotReject', 'Got unwanted rejection.\nActual message: "' + (error && error.message) + '"');
  }
}
function match(string, pattern, message) {
  if (!(pattern instanceof RegExp)) throw new TypeError('The "regexp" argument must be an instance of RegExp');
  if (typeof string !== 'string' || !pattern.test(string)) {
    fail(message, string, pattern, 'match', 'The input did not match the regular expression ' + String(pattern) + '. Input:\n\n' + describe(string) + '\n');
  }
}
function doesNotMatch(string, pattern, message) {
  if (typeof string !== 'string' || pattern.test(string)) {
    fail(message, string, pattern, 'doesNotMatch', 'The input was expected to not match the regular expression ' + String(pattern) + '. Input:\n\n' + describe(string) + '\n');
  }
}
function ifError(value) {
  if (value !== null && value !== undefined) {
    if (value instanceof Error) throw value;
    fail(undefined, value, null, 'ifError', 'ifError got unwanted exception: ' + describe(value));
  }
}

const common = { ok, fail: (message = 'Failed') => fail(message, undefined, undefined, 'fail', message), throws,
  doesNotThrow, rejects, doesNotReject, match, doesNotMatch, ifError, AssertionError, notStrictEqual, strictEqual,
  deepStrictEqual, notDeepStrictEqual };
const assert = Object.assign((value, message) => ok(value, message), common,
  { equal, notEqual, deepEqual, notDeepEqual });
// assert.strict: the loose forms become the strict ones, as in Node.
const strict = Object.assign((value, message) => ok(value, message), common,
  { equal: strictEqual, notEqual: notStrictEqual, deepEqual: deepStrictEqual, notDeepEqual: notDeepStrictEqual });
assert.strict = strict;
strict.strict = strict;
module.exports = assert;
