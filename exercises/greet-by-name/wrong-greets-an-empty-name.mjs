// Wrong: answers 400 only when the parameter is absent, so ?name= greets nobody: "Hello, !".
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const name = event.queryStringParameters?.name;
  if (name === undefined) {
    return json(400, { error: "the query parameter 'name' is missing: try ?name=Ada" });
  }
  return json(200, { message: `Hello, ${name}!` });
};
