// node:querystring: parse and stringify from the `querystring-es3` package (Node's, as browserify gives it),
// with escape and unescape.
'use strict';
const qs = require('querystring-es3/index.js');
function unescape(text) {
  try {
    return decodeURIComponent(text);
  } catch (malformed) {
    return text.replace(/%([0-9a-fA-F]{2})/g, (all, hex) => String.fromCharCode(parseInt(hex, 16)));
  }
}
module.exports = { decode: qs.decode, parse: qs.parse, encode: qs.encode, stringify: qs.stringify,
  escape: (text) => encodeURIComponent(String(text)), unescape };
