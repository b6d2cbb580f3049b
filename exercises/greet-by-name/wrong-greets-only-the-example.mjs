// Wrong: made to pass the example in the task, not to read the name: it greets Ada whoever asks. The hidden
// check that asks for another name (Ada Lovelace) gets "Hello, Ada!".
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const name = (event.queryStringParameters?.name ?? '').trim();
  if (name === '') {
    return json(400, { error: "the query parameter 'name' is missing: try ?name=Ada" });
  }
  return json(200, { message: 'Hello, Ada!' });
};
