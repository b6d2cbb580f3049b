// @google-cloud/functions-framework: what a Cloud Run function's module calls to register its handlers,
// functions.http(name, (req, res) => …) and functions.cloudEvent(name, (cloudEvent) => …). The framework keeps
// them by name and serves the one its target (--entry-point, FUNCTION_TARGET) names; here each registration goes
// to the runtime (internals.register), where the style gcp-functions finds it.
'use strict';
const { register } = internals;

// The framework's own rule for a function's name (function_registry.ts, isValidFunctionName).
const NAME = /^[A-Za-z](?:[-_A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

function registered(what, signatureType) {
  return (functionName, handler) => {
    if (typeof functionName !== 'string' || !NAME.test(functionName)) {
      throw new Error('Invalid function name: ' + functionName);
    }
    if (typeof handler !== 'function') {
      throw new TypeError(what + "('" + functionName + "', handler) takes the handler, a function, as its second"
        + ' argument, not ' + (handler === null ? 'null' : typeof handler));
    }
    register({ framework: 'gcp', provider: 'Cloud Run functions', style: 'gcp-functions', name: functionName, signatureType, handler });
  };
}

exports.http = registered('functions.http', 'http');
exports.cloudEvent = registered('functions.cloudEvent', 'cloudevent');
