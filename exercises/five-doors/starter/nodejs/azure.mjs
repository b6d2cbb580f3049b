// Azure Functions (Node.js v4 model): the route 'quote' is served under /api/quote.
import { app } from '@azure/functions';
import { quote } from './core.mjs';

app.http('quote', {
  methods: ['GET', 'POST', 'DELETE'],
  authLevel: 'anonymous',
  route: 'quote',
  // TODO: call quote() with the request's method, query and body; answer with { status, headers, body }.
  handler: async (request) => ({ status: 501, body: 'not written yet' }),
});
