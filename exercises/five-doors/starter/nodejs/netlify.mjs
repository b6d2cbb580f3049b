// Netlify Functions: the web's Request in, a Response out; config.path is the function's route.
import { quote } from './core.mjs';

export default async (req) => {
  // TODO: call quote() with the request's method, query and body, and answer with what it says.
  return new Response('not written yet', { status: 501 });
};

export const config = { path: '/quote' };
