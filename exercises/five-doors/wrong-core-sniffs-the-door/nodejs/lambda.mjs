// AWS Lambda behind API Gateway: the event goes to the core as it is.
import { quote } from './core.mjs';

export const handler = async (event) => {
  const { status, headers, body } = await quote(event);
  return { statusCode: status, headers, body };
};
