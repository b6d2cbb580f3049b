// Azure Functions (Node.js v4 model): the route 'quote' is served under /api/quote.
import { app } from '@azure/functions';
import { quote } from './core.mjs';

app.http('quote', {
  methods: ['GET', 'POST', 'DELETE'],
  authLevel: 'anonymous',
  route: 'quote',
  handler: async (request) => quote({ method: request.method, query: Object.fromEntries(request.query),
    body: await request.text() }),
});
