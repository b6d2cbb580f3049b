// node:url: the WHATWG URL and URLSearchParams of the `whatwg-url` package (the reference implementation, which
// jsdom uses), Node's helpers for file URLs and domains, and its legacy parse, format and resolve.
'use strict';
const whatwg = require('whatwg-url');
const { URLSearchParams } = whatwg;

/** whatwg-url's URL, whose TypeError for a string that is no URL carries Node's code and the input. */
class URL extends whatwg.URL {
  constructor(url, base) {
    try {
      if (arguments.length < 2) super(url);
      else super(url, base);
    } catch (error) {
      if (error instanceof TypeError && arguments.length > 0) {
        error.code = 'ERR_INVALID_URL';
        error.input = String(url);
      }
      throw error;
    }
  }
}

function fileURLToPath(url) {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') {
    const error = new TypeError('The URL must be of scheme file');
    error.code = 'ERR_INVALID_URL_SCHEME';
    throw error;
  }
  if (/%2f/i.test(parsed.pathname)) {
    const error = new TypeError('File URL path must not include encoded / characters');
    error.code = 'ERR_INVALID_FILE_URL_PATH';
    throw error;
  }
  return decodeURIComponent(parsed.pathname);
}
function pathToFileURL(path) {
  const absolute = String(path).startsWith('/') ? String(path) : '/var/task/' + String(path);
  const url = new URL('file://');
  url.pathname = absolute.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  return url;
}
function domainToASCII(domain) {
  try { return new URL('ws://' + domain).hostname; } catch (invalid) { return ''; }
}
function domainToUnicode(domain) {
  try { return require('tr46').toUnicode(new URL('ws://' + domain).hostname, {}).domain; } catch (invalid) { return ''; }
}

// ---- the legacy API (url.parse): RFC 3986's regular expression, and Node's field names ----
const PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
function parse(text, parseQueryString = false, slashesDenoteHost = false) {
  if (typeof text !== 'string') {
    const error = new TypeError('The "url" argument must be of type string. Received ' + (text === null ? 'null' : typeof text));
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
  const trimmed = text.trim();
  const m = PARTS.exec(trimmed);
  const protocol = m[1] ? m[1].toLowerCase() + ':' : null;
  let authority = m[2];
  let path = m[3];
  if (authority === undefined && slashesDenoteHost && path.startsWith('//')) {
    const rest = /^\/\/([^/?#]*)(.*)$/.exec(path);
    authority = rest[1];
    path = rest[2];
  }
  let auth = null;
  let host = null;
  if (authority !== undefined) {
    const at = authority.lastIndexOf('@');
    if (at >= 0) { auth = decodeURIComponent(authority.slice(0, at)); authority = authority.slice(at + 1); }
    host = authority.toLowerCase();
  }
  const portMatch = host === null ? null : /:(\d*)$/.exec(host);
  const port = portMatch && portMatch[1] ? portMatch[1] : null;
  const hostname = host === null ? null : portMatch ? host.slice(0, portMatch.index) : host;
  const search = m[4] === undefined ? null : '?' + m[4];
  const pathname = path === '' ? (host !== null ? '/' : null) : path;
  const query = parseQueryString ? require('querystring').parse(m[4] || '') : (m[4] === undefined ? null : m[4]);
  const result = {
    protocol, slashes: authority !== undefined ? true : null, auth, host: host === null ? null : (port ? hostname + ':' + port : hostname),
    port, hostname, hash: m[5] === undefined ? null : '#' + m[5], search, query, pathname,
    path: pathname === null && search === null ? null : (pathname || '') + (search || ''),
  };
  result.href = format(result);
  return result;
}
function format(object) {
  if (typeof object === 'string') object = parse(object);
  if (object instanceof URL) return object.href;
  const protocol = object.protocol ? (object.protocol.endsWith(':') ? object.protocol : object.protocol + ':') : '';
  let host = object.host || (object.hostname ? object.hostname + (object.port ? ':' + object.port : '') : '');
  const auth = object.auth ? encodeURIComponent(object.auth).replace(/%3A/i, ':') + '@' : '';
  const slashes = object.slashes || /^(https?|ftp|gopher|file|wss?):$/.test(protocol) ? '//' : '';
  let search = object.search || '';
  if (!search && object.query && typeof object.query === 'object') {
    const text = require('querystring').stringify(object.query);
    search = text ? '?' + text : '';
  }
  const hash = object.hash || '';
  return protocol + (host || auth || slashes === '//' && protocol === 'file:' ? slashes + auth + host : '') + (object.pathname || '') + search + hash;
}
function resolve(from, to) {
  const base = new URL(from, 'resolve://');
  const resolved = new URL(to, base);
  if (resolved.protocol === 'resolve:') {
    const { pathname, search, hash } = resolved;
    return from.startsWith('/') || !/^[a-z]+:/i.test(from) ? pathname + search + hash : pathname + search + hash;
  }
  return resolved.toString();
}

module.exports = { URL, URLSearchParams, fileURLToPath, pathToFileURL, domainToASCII, domainToUnicode, parse, format,
  resolve, Url: function Url() {} };
