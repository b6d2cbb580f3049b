// Wrong: throws on anything unexpected and catches every error in one place, answering 400 to all of it. No
// 500 ever leaves, but a route that does not exist and a method /greet does not take are answered 400, as if
// the name were missing: the client is told the wrong mistake (404 and 405 say what it is).
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
  try {
    return greet(event);
  } catch (error) {
    return json(400, { error: `bad request: ${error.message}; the name is needed, as ?name=Ada` });
  }
};

const greet = (event) => {
  if (event.rawPath !== '/greet') throw new Error(`no route ${event.rawPath}`);
  const method = event.requestContext.http.method;
  let name;
  if (method === 'GET') {
    // Absent when the request has no query string at all.
    name = event.queryStringParameters?.name;
  } else if (method === 'POST') {
    name = nameInBody(event);
  } else {
    throw new Error(`${method} is not taken`);
  }
  if (typeof name !== 'string' || name.trim() === '') {
    return json(400, { error: method === 'GET' ? "the query parameter 'name' is missing: try ?name=Ada"
      : 'the body must be a JSON object with a name, such as {"name": "Ada"}' });
  }
  return json(200, { message: `Hello, ${name.trim()}!` });
};
