// An HTTP function: API Gateway's event in, {statusCode, headers, body} out.
export const handler = async (event) => {
  // TODO: read the name from event.queryStringParameters, greet it, and answer 400 when it is missing.
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Hello, world!' }),
  };
};
