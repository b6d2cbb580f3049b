// node:timers: the runtime's own timers, and their promise forms.
'use strict';
module.exports = {
  setTimeout: (...args) => globalThis.setTimeout(...args), setInterval: (...args) => globalThis.setInterval(...args),
  setImmediate: (...args) => globalThis.setImmediate(...args), clearTimeout: (timer) => globalThis.clearTimeout(timer),
  clearInterval: (timer) => globalThis.clearInterval(timer), clearImmediate: (timer) => globalThis.clearImmediate(timer),
  get promises() { return require('timers/promises'); },
};
