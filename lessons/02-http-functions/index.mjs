// An HTTP function. API Gateway turns each request to /fn/http-greeter/... into an event, and turns what
// the handler returns into the HTTP response: statusCode, headers and a body that is a string.
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  // A request from the lab's Invoke button with a plain event has no requestContext: treat it as a GET.
  const method = event.requestContext?.http?.method ?? 'GET';
  console.log(`${method} ${event.rawPath ?? '(not HTTP)'}`, `isBase64Encoded=${event.isBase64Encoded}`);

  if (method === 'GET') {
    const name = event.queryStringParameters?.name ?? event.name ?? 'world';
    return json(200, { message: `Hello, ${name}!` });
  }

  const contentType = event.headers?.['content-type'] ?? '(none)';
  if (contentType.startsWith('application/json')) {
    // Careless on purpose: this trusts every client to send a JSON object with a name.
    const { name } = JSON.parse(event.body);
    return json(200, { message: `Hello, ${name}!` });
  }

  // Any other body: answer with what arrived, so that you can see how API Gateway passed it on.
  return json(200, {
    received: { contentType, isBase64Encoded: event.isBase64Encoded, body: (event.body ?? '').slice(0, 60) },
  });
};
