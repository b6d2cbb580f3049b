// What the providers' styles beside Lambda's share (style/provider/ProviderStyle): the neutral event the host
// gives (ProviderEvent: kind http, queue, bucket, schedule or json), web Requests and Responses made of it and
// back into the host's envelope ({ status, headers: [[name, value]…], text or body: base64 }), and the end of an
// invocation, however the provider's handler answers (a value, a promise, a callback).
(function providerPrelude(core) {
  'use strict';
  const { config, finish, base64Text } = core;

  const CODES = new Uint8Array(128);
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < B64.length; i++) CODES[B64.charCodeAt(i)] = i;
  /** base64 text to bytes (the host's body encoding; its text is always well formed). */
  function bytesOf(text) {
    const end = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    const out = new Uint8Array((text.length / 4) * 3 - end);
    let o = 0;
    for (let i = 0; i < text.length; i += 4) {
      const n = (CODES[text.charCodeAt(i)] << 18) | (CODES[text.charCodeAt(i + 1)] << 12)
        | (CODES[text.charCodeAt(i + 2)] << 6) | CODES[text.charCodeAt(i + 3)];
      if (o < out.length) out[o++] = n >> 16;
      if (o < out.length) out[o++] = (n >> 8) & 255;
      if (o < out.length) out[o++] = n & 255;
    }
    return out;
  }

  const utf8 = (bytes) => new TextDecoder().decode(bytes);
  const bytesOfText = (text) => new TextEncoder().encode(text);

  /** The URL a request reached: the function's trigger on the host it was sent to. */
  function urlOf(e) {
    return 'http://' + (e.host || 'localhost') + '/fn/' + config.functionName + e.path + (e.query ? '?' + e.query : '');
  }

  /** A web Request (the Fetch standard's, as Workers, Netlify and Azure give one) for an HTTP event. */
  function requestOf(e, url) {
    const init = { method: e.method, headers: e.headers };
    if (e.method !== 'GET' && e.method !== 'HEAD' && e.body.length > 0) init.body = bytesOf(e.body);
    return new Request(url || urlOf(e), init);
  }

  /** A header list as one object, names in lower case, repeated ones joined with ', ' (as Node's req.headers). */
  function headerObject(pairs) {
    const headers = {};
    for (const [name, value] of pairs) {
      const key = name.toLowerCase();
      headers[key] = key in headers ? headers[key] + ', ' + value : value;
    }
    return headers;
  }

  const INSIDE = Symbol.for('faaslab.fetch.inside');
  const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;
  /**
   * The host's envelope for a status, [name, value] pairs and a body (bytes, text or nothing): a textual body as
   * `text`, so that the Invoke API, the lab and the CLI show it as written; other bytes as base64 `body`.
   */
  function envelope(status, headers, body) {
    if (body === undefined || body === null) return { status, headers, text: '' };
    if (typeof body === 'string') return { status, headers, text: body };
    let type = '';
    for (const [name, value] of headers) if (name.toLowerCase() === 'content-type') type = value;
    if (TEXTUAL.test(type)) {
      try {
        return { status, headers, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
      } catch (notUtf8) {
        // bytes that are not UTF-8 go as base64, whatever the type says
      }
    }
    return { status, headers, body: base64Text(body) };
  }

  /** A web Response (or anything with status, headers and arrayBuffer) as the host's envelope. */
  async function replyOf(response, who) {
    if (response === null || typeof response !== 'object' || typeof response.arrayBuffer !== 'function') {
      const error = new TypeError(who + ' must answer with a Response (new Response(body, { status, headers })), not '
        + (response === null ? 'null' : typeof response === 'object' ? 'an object without arrayBuffer()' : typeof response));
      throw error;
    }
    // FaaS Lab's own Response is read at once (fetch.js); another object with arrayBuffer() the standard's way.
    if (response instanceof Response && typeof Response[INSIDE] === 'function') {
      const inside = Response[INSIDE](response);
      return envelope(inside.status, inside.headers, inside.bytes);
    }
    const headers = [];
    response.headers.forEach((value, name) => { headers.push([name, value]); });
    return envelope(response.status, headers, new Uint8Array(await response.arrayBuffer()));
  }

  /**
   * Ends the invocation with what `work` resolves to, or its error; `work` is a promise or a value. When the event
   * loop empties first, the handler never answered: an error saying so.
   */
  function settleWith(invocation, work, never) {
    invocation.settle = () => {
      const error = new Error(never);
      error.name = 'Runtime.ExitError';
      error.stack = '';
      finish(invocation, false, error);
    };
    Promise.resolve(work).then((value) => finish(invocation, true, value), (error) => finish(invocation, false, error));
  }

  /** Messages of a queue batch, each settled once: ack() or retry(), else the batch's outcome decides. */
  function batchIds(messages, decisions) {
    const failures = [];
    for (const m of messages) if (decisions.get(m.id) === 'retry') failures.push({ itemIdentifier: m.id });
    return { batchItemFailures: failures };
  }

  const isThenable = (value) => value !== null && (typeof value === 'object' || typeof value === 'function')
    && typeof value.then === 'function';

  return Object.freeze({ bytesOf, utf8, bytesOfText, urlOf, requestOf, headerObject, envelope, replyOf, settleWith,
    batchIds, isThenable });
})
