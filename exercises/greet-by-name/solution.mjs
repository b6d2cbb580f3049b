const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  // Absent when the request has no query string at all.
  const name = (event.queryStringParameters?.name ?? '').trim();
  if (name === '') {
    return json(400, { error: "the query parameter 'name' is missing: try ?name=Ada" });
  }
  return json(200, { message: `Hello, ${name}!` });
};
