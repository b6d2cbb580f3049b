// An HTTP function: API Gateway's event in, {statusCode, headers, body} out.
export const handler = async (event) => {
  // TODO: serve one route, /greet: other paths get 404, and methods other than GET and POST get 405.
  // TODO: read the name from event.queryStringParameters (GET) or from the JSON in event.body (POST; decode it
  //       first when event.isBase64Encoded is true), greet it, and answer 400 when it is missing.
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Hello, world!' }),
  };
};
