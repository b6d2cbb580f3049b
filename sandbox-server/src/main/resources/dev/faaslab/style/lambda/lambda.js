// Lambda's handler contract for Node.js, on FaaS Lab's shared bootstrap core (runtime/bootstrap.js):
// handler(event, context[, callback]), Lambda's context object, its callback and promise rules, and
// API Gateway's HTTP API (2.0) event for HTTP requests. `core` is what the bootstrap shares with every
// style; the function returned is the runtime's invoke(call).
(function lambdaStyle(core) {
  'use strict';
  const { config, hostNow, hostRecord, begin, finish } = core;

  function makeContext(invocation, requestId, deadline, attempt) {
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: config.functionName,
      functionVersion: config.functionVersion,
      invokedFunctionArn: config.invokedFunctionArn,
      memoryLimitInMB: String(config.memoryLimitInMB),
      awsRequestId: requestId,
      logGroupName: config.logGroupName,
      logStreamName: config.logStreamName,
      identity: undefined,
      clientContext: undefined,
      getRemainingTimeInMillis: () => Math.max(0, deadline - hostNow()),
      // A FaaS Lab addition: which delivery of an asynchronous event this is (1, 2, 3). Lambda retries
      // under the same awsRequestId and does not say which attempt is running.
      attempt,
      // The legacy context methods end the invocation at once, without waiting for the event loop.
      succeed: (value) => finish(invocation, true, value),
      fail: (error) => finish(invocation, false, error),
      done: (error, value) => finish(invocation, error === null || error === undefined, error === null || error === undefined ? value : error),
    };
  }

  const isThenable = (value) => value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';

  /** How an invocation ends when the event loop has emptied first. */
  function settle(invocation) {
    if (invocation.mode === 'promise') {
      const error = new Error("the handler's promise never settled, and nothing else was scheduled. On Lambda the runtime would exit here. Make sure every path of the handler returns or throws.");
      error.name = 'Runtime.ExitError';
      error.stack = '';
      finish(invocation, false, error);
    } else if (invocation.hasResult) {
      const ok = invocation.error === null || invocation.error === undefined;
      finish(invocation, ok, ok ? invocation.value : invocation.error);
    } else {
      finish(invocation, true, null); // Lambda answers null when the event loop empties first
    }
  }

  /** A map that arrives as one string, keys and values alternating, separated by NUL. */
  function pairs(joined) {
    const map = {};
    if (joined.length === 0) return map;
    const parts = joined.split('\0');
    for (let i = 0; i + 1 < parts.length; i += 2) map[parts[i]] = parts[i + 1];
    return map;
  }

  /**
   * An API Gateway HTTP API (2.0) event from its values (LambdaStyle.input, in this order): the object
   * HttpApiEvent.toJson describes, fields in its order, absent ones absent. Lists and maps arrive as one
   * string, entries separated by NUL.
   */
  function httpEvent(method, rawPath, rawQueryString, cookies, headers, query, domainName, domainPrefix, sourceIp,
    userAgent, id, time, timeEpoch, body, isBase64Encoded) {
    const event = { version: '2.0', routeKey: '$default', rawPath, rawQueryString };
    if (cookies !== null) event.cookies = cookies.split('\0');
    event.headers = pairs(headers);
    if (query.length > 0) event.queryStringParameters = pairs(query);
    event.requestContext = { accountId: config.accountId, apiId: 'faaslab', domainName, domainPrefix,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent },
      requestId: id, routeKey: '$default', stage: '$default', time, timeEpoch };
    if (body !== null) event.body = body;
    event.isBase64Encoded = isBase64Encoded;
    return event;
  }

  /**
   * Starts one invocation: json is the event's JSON text, or null and an HTTP event's values follow (plain
   * arguments: a proxy object's members would each cross into the host).
   */
  return function invoke(requestId, deadline, attempt, json, method, rawPath, rawQueryString, cookies, headers, query,
    domainName, domainPrefix, sourceIp, userAgent, id, time, timeEpoch, body, isBase64Encoded) {
    const invocation = begin();
    invocation.mode = 'sync';
    invocation.hasResult = false;
    invocation.settle = () => settle(invocation);
    const context = makeContext(invocation, requestId, deadline, attempt);
    try {
      const event = json !== null ? JSON.parse(json) : httpEvent(method, rawPath, rawQueryString, cookies, headers,
        query, domainName, domainPrefix, sourceIp, userAgent, id, time, timeEpoch, body, isBase64Encoded);
      const handler = core.handler();
      let returned;
      if (handler.length >= 3) {
        invocation.mode = 'callback';
        returned = handler(event, context, (error, value) => {
          if (invocation.hasResult) return;
          invocation.hasResult = true;
          invocation.error = error;
          invocation.value = value;
          if (!context.callbackWaitsForEmptyEventLoop) finish(invocation, error === null || error === undefined, error === null || error === undefined ? value : error);
        });
      } else {
        returned = handler(event, context);
      }
      if (isThenable(returned)) {
        invocation.mode = 'promise';
        returned.then((value) => finish(invocation, true, value), (error) => finish(invocation, false, error));
      } else if (invocation.mode === 'sync' && returned !== undefined) {
        hostRecord('WARN', '[FaaS Lab] the handler returned a value without being async or calling back; Lambda ignores such a value and answers null. Make the handler async, or use callback(null, value).');
      }
    } catch (error) {
      finish(invocation, false, error);
    }
  };
})
