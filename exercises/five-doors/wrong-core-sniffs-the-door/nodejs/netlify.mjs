// Netlify Functions: the Request goes to the core as it is.
import { quote } from './core.mjs';

export default async (req) => {
  const { status, headers, body } = await quote(req);
  return new Response(body, { status, headers });
};

export const config = { path: '/quote' };
