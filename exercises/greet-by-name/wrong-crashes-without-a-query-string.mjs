// Wrong: reads queryStringParameters as if it were always there, but a request without a query string has
// none at all, so the handler throws and API Gateway answers 500 instead of 400.
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const name = event.queryStringParameters.name.trim();
  if (name === '') {
    return json(400, { error: "the query parameter 'name' is missing: try ?name=Ada" });
  }
  return json(200, { message: `Hello, ${name}!` });
};
