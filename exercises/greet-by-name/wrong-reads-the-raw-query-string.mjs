// Wrong: cuts the name out of rawQueryString, which is still URL-encoded, so "Ada%20Lovelace" is greeted
// as it was sent instead of as "Ada Lovelace".
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const pair = (event.rawQueryString ?? '').split('&').find((part) => part.startsWith('name='));
  const name = pair ? pair.slice('name='.length).trim() : '';
  if (name === '') {
    return json(400, { error: "the query parameter 'name' is missing: try ?name=Ada" });
  }
  return json(200, { message: `Hello, ${name}!` });
};
