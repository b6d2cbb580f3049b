// Wrong: parses the body as if every client sent well-formed JSON. The examples pass, but a body that is not
// JSON (or JSON that is not an object) makes the handler throw, and API Gateway answers 500: the server's
// fault, for what was the client's mistake.
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
  return JSON.parse(bodyText(event)).name;
};

export const handler = async (event) => {
  if (event.rawPath !== '/greet') {
    return json(404, { error: `there is no route ${event.rawPath}: try GET /greet?name=Ada` });
  }
  const method = event.requestContext.http.method;
  let name;
  if (method === 'GET') {
    // Absent when the request has no query string at all.
    name = event.queryStringParameters?.name;
  } else if (method === 'POST') {
    name = nameInBody(event);
  } else {
    return json(405, { error: `/greet takes GET and POST, not ${method}` }, { allow: 'GET, POST' });
  }
  if (typeof name !== 'string' || name.trim() === '') {
    return json(400, { error: method === 'GET' ? "the query parameter 'name' is missing: try ?name=Ada"
      : 'the body must be a JSON object with a name, such as {"name": "Ada"}' });
  }
  return json(200, { message: `Hello, ${name.trim()}!` });
};
