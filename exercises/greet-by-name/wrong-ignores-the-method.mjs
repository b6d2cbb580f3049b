// Wrong: reads the name from the body when there is one and from the query otherwise, whatever the method,
// so DELETE /greet?name=Ada greets Ada instead of answering 405 Method Not Allowed.
const json = (statusCode, value, headers = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

// The body as text: API Gateway base64-encodes any body whose content type is not text or JSON.
const bodyText = (event) => {
  if (event.body === undefined) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

// The name a POST sends, or undefined when its body is not a JSON object with one.
const nameInBody = (event) => {
  let value;
  try {
    value = JSON.parse(bodyText(event));
  } catch {
    return undefined; // not JSON: the client's mistake, not ours
  }
  return value !== null && typeof value === 'object' ? value.name : undefined;
};

export const handler = async (event) => {
  if (event.rawPath !== '/greet') {
    return json(404, { error: `there is no route ${event.rawPath}: try GET /greet?name=Ada` });
  }
  const method = event.requestContext.http.method;
  let name;
  if (event.body === undefined) {
    name = event.queryStringParameters?.name;
  } else {
    name = nameInBody(event);
  }
  if (typeof name !== 'string' || name.trim() === '') {
    return json(400, { error: method === 'GET' ? "the query parameter 'name' is missing: try ?name=Ada"
      : 'the body must be a JSON object with a name, such as {"name": "Ada"}' });
  }
  return json(200, { message: `Hello, ${name.trim()}!` });
};
