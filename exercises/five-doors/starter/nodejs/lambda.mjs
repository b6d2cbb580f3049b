// AWS Lambda behind API Gateway (HTTP API, payload 2.0): the event in, { statusCode, headers, body } out.
// This door is done, as an example of an adapter.
import { quote } from './core.mjs';

export const handler = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
  const { status, headers, body: text } = quote({
    method: event.requestContext.http.method, query: event.queryStringParameters ?? {}, body: body ?? '',
  });
  return { statusCode: status, headers, body: text };
};
