// Wrong: answers 400 without saying what is missing, so the person calling has to guess.
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const name = (event.queryStringParameters?.name ?? '').trim();
  if (name === '') {
    return json(400, {});
  }
  return json(200, { message: `Hello, ${name}!` });
};
