// Cloudflare Workers: the web's Request in, a Response out.
import { quote } from './core.mjs';

export default {
  async fetch(request) {
    const { status, headers, body } = quote({ method: request.method,
      query: Object.fromEntries(new URL(request.url).searchParams), body: await request.text() });
    return new Response(body, { status, headers });
  },
};
