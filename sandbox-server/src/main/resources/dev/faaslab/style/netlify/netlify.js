// Netlify Functions' handler contract, in its two forms (style/netlify/NetlifyStyle):
// - modern: `export default async (req, context) => new Response(…)`, a web Request and Netlify's Context, with
//   `export const config = { path, excludedPath, method, schedule }` read from the module when it loads;
// - Lambda-compatible: `export const handler = async (event, context) => ({ statusCode, headers, body })`, the event
//   in the shape Netlify's own compatibility layer builds (@netlify/aws-lambda-compat, request_to_event.ts).
// FaaS Lab's /fn/{name} is the site's root: a function answers at /.netlify/functions/{name} under it (and at the
// root, FaaS Lab's trigger) unless config.path routes it elsewhere; a request no route takes is Netlify's 404.
(function netlifyStyle(core, provider) {
  'use strict';
  const { config, hostNow, begin } = core;
  const NAME = config.functionName;
  const DEFAULT_PATH = '/.netlify/functions/' + NAME;

  let form = null; // 'modern' or 'lambda'
  let target = null; // the handler: a function, or (modern) an object with fetch
  let routes = null; // null: Netlify's default URL; else { include: [RegExp…], exclude: [RegExp…] }
  let methods = null; // null: any method; else the upper-case methods config.method allows
  let schedule = null; // config.schedule, a cron expression or one of Netlify's @ shortcuts

  // ---- Netlify's global: Netlify.env reads and writes the function's variables (process.env is the same map) ----
  const env = Object.freeze({
    get: (name) => process.env[name],
    has: (name) => Object.prototype.hasOwnProperty.call(process.env, name),
    set: (name, value) => { process.env[name] = String(value); },
    delete: (name) => { delete process.env[name]; },
    toObject: () => Object.assign({}, process.env),
  });
  const netlifyGlobal = { env, context: null };
  Object.defineProperty(globalThis, 'Netlify', { value: Object.freeze(Object.defineProperty(netlifyGlobal, 'context',
    { get: () => current, enumerable: true })), writable: false, configurable: true });
  let current = null; // the Context of the invocation in progress (Netlify.context)

  // ---- finding the handler and reading config ----
  const MODERN = 'export default async (req, context) => new Response("Hello, world!")';
  const LAMBDA = 'export const handler = async (event, context) => ({ statusCode: 200, body: "Hello, world!" })';

  function resolve(exported) {
    const module = exported === null || exported === undefined ? {} : exported;
    const modern = module.default;
    const isModern = typeof modern === 'function' || (modern !== null && typeof modern === 'object' && typeof modern.fetch === 'function');
    const isLambda = typeof module.handler === 'function';
    const first = config.exportName === 'handler' ? ['lambda', 'modern'] : ['modern', 'lambda'];
    form = first.find((f) => (f === 'modern' ? isModern : isLambda)) || null;
    if (form === null) {
      return { errorMessage: config.fileName + ' has neither a default export function (Netlify\'s modern syntax) nor an'
        + ' export named handler (its Lambda compatibility)' + (modern !== undefined && !isModern ? ': its default export is '
        + (modern === null ? 'null' : typeof modern === 'object' ? 'an object without fetch' : 'a ' + typeof modern) : ''),
        hint: 'Export a handler: `' + MODERN + '`, or `' + LAMBDA + '`.' };
    }
    target = form === 'modern' ? modern : module.handler;
    const settings = module.config !== undefined ? module.config : (isModern && typeof modern === 'object' ? modern.config : undefined);
    return form === 'modern' ? readConfig(settings === undefined ? {} : settings) : null;
  }

  function invalid(message) {
    return { errorType: 'Netlify.InvalidConfig', errorMessage: config.fileName + ': ' + message,
      hint: 'Netlify reads `export const config = { path: "/hello/:name", method: ["GET", "POST"] }`: path and excludedPath are'
        + ' URL path patterns starting with /, one string or an array of them.' };
  }

  /** config.path, excludedPath, method and schedule, checked as Netlify's build checks them; null when they are usable. */
  function readConfig(settings) {
    if (settings === null || typeof settings !== 'object') return invalid('config must be an object, not ' + typeof settings);
    const list = (value, what) => {
      if (value === undefined) return [];
      const all = Array.isArray(value) ? value : [value];
      for (const p of all) if (typeof p !== 'string' || !p.startsWith('/')) throw invalid(what + ' must start with /, and ' + JSON.stringify(p) + ' does not');
      return all;
    };
    try {
      const include = list(settings.path, 'config.path');
      routes = include.length === 0 ? null : { include: include.map(pattern), exclude: list(settings.excludedPath, 'config.excludedPath').map(pattern) };
    } catch (error) {
      if (error instanceof Error) return invalid(error.message);
      return error;
    }
    if (settings.method !== undefined) {
      const all = Array.isArray(settings.method) ? settings.method : [settings.method];
      if (!all.every((m) => typeof m === 'string')) return invalid('config.method must be a method name or an array of them');
      methods = all.map((m) => m.toUpperCase());
    }
    if (settings.schedule !== undefined) {
      if (typeof settings.schedule !== 'string') return invalid('config.schedule must be a cron expression such as "@hourly" or "0 * * * *"');
      schedule = settings.schedule;
    }
    return null;
  }

  // ---- URLPattern's pathname syntax, the part Netlify's docs use: literal text, :name with ? * + modifiers, *, {…}? ----
  function pattern(text) {
    let source = '';
    let unnamed = 0;
    const names = [];
    for (let i = 0; i < text.length;) {
      const c = text[i];
      if (c === ':') {
        const name = /^[A-Za-z_$][\w$]*/.exec(text.slice(i + 1));
        if (name === null) throw new Error('config.path ' + JSON.stringify(text) + ' has a ":" without a parameter name after it');
        names.push(name[0]);
        i += 1 + name[0].length;
        const modifier = '?*+'.includes(text[i]) ? text[i++] : '';
        const slash = source.endsWith('/');
        if (slash && modifier !== '') source = source.slice(0, -1);
        const segment = modifier === '*' || modifier === '+' ? '([^/]+(?:/[^/]+)*)' : '([^/]+)';
        source += modifier === '' ? segment : '(?:' + (slash ? '/' : '') + segment + ')' + (modifier === '+' ? '' : '?');
      } else if (c === '*') {
        names.push(String(unnamed++));
        source += '(.*)';
        i++;
      } else if (c === '{') {
        const end = text.indexOf('}', i);
        if (end < 0) throw new Error('config.path ' + JSON.stringify(text) + ' opens a { group it does not close');
        const inner = pattern(text.slice(i + 1, end));
        names.push(...inner.names);
        i = end + 1;
        const modifier = '?*+'.includes(text[i]) ? text[i++] : '';
        source += '(?:' + inner.regex.source.slice(1, -1) + ')' + modifier;
      } else {
        source += c.replace(/[.+?^$()[\]\\|]/g, '\\$&');
        i++;
      }
    }
    return { regex: new RegExp('^' + source + '$'), names };
  }

  /** The path parameters when `path` (after /fn/{name}) reaches the function; null when Netlify would answer 404. */
  function route(path) {
    if (routes === null) {
      return path === '/' || path === DEFAULT_PATH || path.startsWith(DEFAULT_PATH + '/') ? {} : null;
    }
    if (routes.exclude.some((p) => p.regex.test(path))) return null;
    for (const p of routes.include) {
      const m = p.regex.exec(path);
      if (m === null) continue;
      const params = {};
      p.names.forEach((name, i) => { if (m[i + 1] !== undefined) params[name] = m[i + 1]; });
      return params;
    }
    return null;
  }

  // Netlify's answer when no function or file is at a path (its "Page not found" page, shortened).
  const NOT_FOUND = provider.envelope(404, [['content-type', 'text/html; charset=utf-8']], '<!DOCTYPE html>\n<html><head>'
    + '<title>Page not found</title></head>\n<body><h1>Page not found</h1>\n<p>Looks like you\'ve followed a broken link or'
    + ' entered a URL that doesn\'t exist on this site.</p></body></html>\n');

  // ---- the modern form's Context ----
  // Fixed, plausible values where FaaS Lab has no such thing: no geolocation, one account, one production deploy.
  const GEO = Object.freeze({ city: 'San Francisco', country: Object.freeze({ code: 'US', name: 'United States' }),
    subdivision: Object.freeze({ code: 'CA', name: 'California' }), latitude: 37.7749, longitude: -122.4194,
    timezone: 'America/Los_Angeles', postalCode: '94103' });
  const ACCOUNT = Object.freeze({ id: config.accountId });
  const DEPLOY = Object.freeze({ context: 'production', id: process.env.SITE_ID ? process.env.SITE_ID.replace(/-/g, '').slice(0, 24) : NAME, published: true });
  const SERVER = Object.freeze({ region: process.env.AWS_REGION || 'us-east-2' });

  /** context.cookies: reads the request's Cookie header once asked, and adds Set-Cookie lines to the response. */
  function cookieJar(e, out) {
    let jar = null;
    const read = () => {
      if (jar !== null) return jar;
      jar = new Map();
      for (const [name, value] of e.headers) {
        if (name.toLowerCase() !== 'cookie') continue;
        for (const part of value.split(';')) {
          const eq = part.indexOf('=');
          if (eq > 0) jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
        }
      }
      return jar;
    };
    const line = (o) => {
      let text = o.name + '=' + encodeURIComponent(o.value === undefined ? '' : String(o.value)) + '; Path=' + (o.path || '/');
      if (o.domain) text += '; Domain=' + o.domain;
      if (o.expires !== undefined) text += '; Expires=' + new Date(o.expires).toUTCString();
      if (o.maxAge !== undefined) text += '; Max-Age=' + o.maxAge;
      if (o.httpOnly) text += '; HttpOnly';
      if (o.secure) text += '; Secure';
      if (o.sameSite) text += '; SameSite=' + o.sameSite[0].toUpperCase() + o.sameSite.slice(1).toLowerCase();
      return text;
    };
    return Object.freeze({
      get: (name) => read().get(name),
      set(options, value) {
        const o = typeof options === 'string' ? { name: options, value } : options;
        if (o === null || typeof o !== 'object' || typeof o.name !== 'string') throw new TypeError('context.cookies.set takes { name, value, … } (or a name and a value)');
        out.push(['set-cookie', line(o)]);
      },
      delete(options) {
        const o = typeof options === 'string' ? { name: options } : options;
        out.push(['set-cookie', line(Object.assign({}, o, { value: '', expires: 0 }))]);
      },
    });
  }

  function netlifyContext(e, requestId, params, setCookies, pending) {
    const url = 'http://' + (e.host || 'localhost') + '/fn/' + NAME;
    return Object.freeze({
      account: ACCOUNT, cookies: cookieJar(e, setCookies), deploy: DEPLOY, geo: GEO, ip: e.ip, params: Object.freeze(params),
      requestId, server: SERVER, site: Object.freeze({ id: process.env.SITE_ID, name: NAME, url }),
      waitUntil(promise) { pending.push(Promise.resolve(promise).catch((error) => console.error(error))); },
    });
  }

  async function callModern(e, requestId, params, pending) {
    const setCookies = [];
    const context = netlifyContext(e, requestId, params, setCookies, pending);
    current = context;
    const request = provider.requestOf(e);
    const answer = await (typeof target === 'function' ? target(request, context) : target.fetch(request, context));
    // "If no value is returned, the client will receive an empty response with a 204 status code" (Netlify's docs).
    const reply = answer === undefined ? provider.envelope(204, [], null) : await provider.replyOf(answer, 'A Netlify function');
    for (const cookie of setCookies) reply.headers.push(cookie);
    return reply;
  }

  // ---- the Lambda-compatible form: Netlify's event and Lambda's context, { statusCode, headers, body } back ----
  const TEXT_TYPES = new Set(['application/csp-report', 'application/graphql', 'application/json', 'application/javascript',
    'application/x-www-form-urlencoded', 'application/x-ndjson', 'application/xml']);
  function isText(contentType) {
    const type = contentType.split(';')[0].trim().toLowerCase();
    return type !== '' && (type.startsWith('text/') || type.endsWith('+json') || type.endsWith('+xml') || TEXT_TYPES.has(type));
  }

  function lambdaEvent(e) {
    const headers = provider.headerObject(e.headers);
    const multiValueHeaders = {};
    for (const name of Object.keys(headers)) multiValueHeaders[name] = headers[name].split(',').map((v) => v.trim());
    let query = null;
    let multiQuery = null;
    if (e.query !== '') {
      query = {};
      multiQuery = {};
      new URLSearchParams(e.query).forEach((value, key) => {
        query[key] = value;
        (multiQuery[key] || (multiQuery[key] = [])).push(value);
      });
    }
    const text = isText(headers['content-type'] || '');
    return {
      rawUrl: provider.urlOf(e), rawQuery: e.query, path: '/fn/' + NAME + e.path, httpMethod: e.method, headers,
      multiValueHeaders, queryStringParameters: query, multiValueQueryStringParameters: multiQuery,
      body: e.body === '' ? null : text ? provider.utf8(provider.bytesOf(e.body)) : e.body,
      isBase64Encoded: e.body !== '' && !text,
    };
  }

  function lambdaContext(requestId, deadline) {
    return {
      callbackWaitsForEmptyEventLoop: true, functionName: NAME, functionVersion: config.functionVersion,
      invokedFunctionArn: config.invokedFunctionArn, memoryLimitInMB: String(config.memoryLimitInMB), awsRequestId: requestId,
      logGroupName: config.logGroupName, logStreamName: config.logStreamName, clientContext: {}, identity: undefined,
      getRemainingTimeInMillis: () => Math.max(0, deadline - hostNow()),
    };
  }

  async function callLambda(e, requestId, deadline) {
    const result = await new Promise((resolve, reject) => {
      const done = (error, value) => (error === null || error === undefined ? resolve(value) : reject(error));
      const returned = target(lambdaEvent(e), lambdaContext(requestId, deadline), done);
      if (provider.isThenable(returned)) returned.then(resolve, reject);
    });
    // Netlify refuses what is not a response object, as its CLI says it does: a number statusCode, a string body.
    if (result === null || typeof result !== 'object') {
      throw new TypeError('a Lambda-compatible Netlify function must answer { statusCode, headers, body }, not '
        + (result === null ? 'null' : typeof result));
    }
    if (!Number(result.statusCode)) throw new TypeError('the response must have a numerical statusCode, not ' + JSON.stringify(result.statusCode));
    if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') {
      throw new TypeError('the response body must be a string (JSON.stringify an object), not ' + typeof result.body);
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(result.headers || {})) headers.set(name, String(value));
    for (const [name, values] of Object.entries(result.multiValueHeaders || {})) for (const v of values) headers.append(name, String(v));
    const status = Number(result.statusCode);
    // A web Response refuses a body with 204, 205 or 304, even an empty one; Lambda's shape often carries body: ''.
    const body = result.body === undefined || result.body === null || [204, 205, 304].includes(status) ? null
      : result.isBase64Encoded ? provider.bytesOf(result.body) : result.body;
    return provider.replyOf(new Response(body, { status, headers }), 'A Netlify function');
  }

  // ---- events: HTTP requests routed as Netlify routes them; the platform's schedules; nothing else ----
  function call(e, requestId, deadline, params, pending) {
    return form === 'modern' ? callModern(e, requestId, params, pending) : callLambda(e, requestId, deadline);
  }

  /** A POST of `json` to the function's own URL: how the Invoke API's JSON and a schedule's tick reach it. */
  function post(json, requestId) {
    return { kind: 'http', method: 'POST', path: routes === null ? DEFAULT_PATH : '/', query: '', host: '',
      headers: [['content-type', 'application/json']], body: core.base64Text(provider.bytesOfText(json)), ip: '', id: requestId };
  }

  function onEvent(e, requestId, deadline, pending) {
    switch (e.kind) {
      case 'http': {
        const params = methods !== null && !methods.includes(e.method) ? null : form === 'modern' ? route(e.path) : route(e.path) && {};
        return params === null ? Promise.resolve(NOT_FOUND) : call(e, requestId, deadline, params, pending);
      }
      case 'json':
        return call(post(JSON.stringify(e.json), requestId), requestId, deadline, {}, pending);
      case 'schedule':
        // A scheduled function's request body is { "next_run": … } (Netlify's scheduled functions docs).
        return call(post(JSON.stringify({ next_run: schedule === null ? null : nextRun(schedule, e.time) }), requestId),
          requestId, deadline, {}, pending).then(() => null);
      default: {
        const error = new Error('Netlify Functions have no ' + e.kind + ' trigger: Netlify calls a function for HTTP requests'
          + ' and on a schedule only. Remove this ' + e.kind + ' trigger, or deploy the function in a style that has one'
          + ' (aws-lambda, cloudflare-workers).');
        error.name = 'Netlify.UnsupportedTrigger';
        return Promise.reject(error);
      }
    }
  }

  function invoke(requestId, deadline, attempt, text) {
    const invocation = begin();
    const pending = [];
    let work;
    try {
      work = onEvent(JSON.parse(text), requestId, deadline, pending).then(async (answer) => {
        // context.waitUntil: the work goes on after the answer is ready; the invocation ends when it is done.
        for (let i = 0; i < pending.length; i++) await pending[i];
        return answer;
      });
    } catch (error) {
      work = Promise.reject(error);
    }
    provider.settleWith(invocation, work, "the function's handler never answered, and nothing else was scheduled: make sure"
      + ' every path of it returns (a Response, or { statusCode, body }) or throws.');
  }

  // ---- next_run: the next time a cron expression (UTC, five fields, or Netlify's @ shortcuts) fires after `after` ----
  const SHORTCUTS = { '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
    '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *' };
  function cronField(text, min, max) {
    if (text === '*') return null;
    const allowed = new Set();
    for (const part of text.split(',')) {
      const [range, step] = part.split('/');
      let [lo, hi] = range === '*' ? [min, max] : range.split('-').map(Number);
      if (hi === undefined) hi = step === undefined ? lo : max;
      for (let v = lo; v <= hi; v += Number(step || 1)) allowed.add(v === 7 && max === 6 ? 0 : v);
    }
    return allowed;
  }
  function nextRun(expression, after) {
    const fields = (SHORTCUTS[expression.trim()] || expression).trim().split(/\s+/);
    if (fields.length !== 5) return null;
    const [minute, hour, dom, month, dow] = fields.map((f, i) => cronField(f, [0, 0, 1, 1, 0][i], [59, 23, 31, 12, 6][i]));
    const ok = (set, v) => set === null || set.has(v);
    const t = new Date(Math.floor(after / 60000) * 60000 + 60000);
    for (let guard = 0; guard < 600000; guard++) {
      const dayOk = dom !== null && dow !== null ? dom.has(t.getUTCDate()) || dow.has(t.getUTCDay())
        : ok(dom, t.getUTCDate()) && ok(dow, t.getUTCDay());
      if (!ok(month, t.getUTCMonth() + 1)) { t.setUTCMonth(t.getUTCMonth() + 1, 1); t.setUTCHours(0, 0); continue; }
      if (!dayOk) { t.setUTCDate(t.getUTCDate() + 1); t.setUTCHours(0, 0); continue; }
      if (!ok(hour, t.getUTCHours())) { t.setUTCHours(t.getUTCHours() + 1, 0); continue; }
      if (!ok(minute, t.getUTCMinutes())) { t.setUTCMinutes(t.getUTCMinutes() + 1); continue; }
      return t.toISOString();
    }
    return null;
  }

  return { invoke, resolve };
})
