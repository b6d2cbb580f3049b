// Cloudflare Workers: the web's Request in, a Response out.
import { quote } from './core.mjs';

export default {
  async fetch(request) {
    // TODO: call quote() with the request's method, query and body, and answer with what it says.
    return new Response('not written yet', { status: 501 });
  },
};
