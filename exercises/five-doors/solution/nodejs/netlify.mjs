// Netlify Functions: the web's Request in, a Response out; config.path is the function's route.
import { quote } from './core.mjs';

export default async (req) => {
  const { status, headers, body } = quote({ method: req.method,
    query: Object.fromEntries(new URL(req.url).searchParams), body: await req.text() });
  return new Response(body, { status, headers });
};

export const config = { path: '/quote' };
