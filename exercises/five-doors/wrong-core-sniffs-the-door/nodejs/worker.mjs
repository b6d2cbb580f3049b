// Cloudflare Workers: the Request goes to the core as it is.
import { quote } from './core.mjs';

export default {
  async fetch(request) {
    const { status, headers, body } = await quote(request);
    return new Response(body, { status, headers });
  },
};
