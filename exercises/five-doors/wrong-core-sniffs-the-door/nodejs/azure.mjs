// Azure Functions (Node.js v4 model): the request goes to the core as it is.
import { app } from '@azure/functions';
import { quote } from './core.mjs';

app.http('quote', {
  methods: ['GET', 'POST', 'DELETE'],
  authLevel: 'anonymous',
  route: 'quote',
  handler: async (request) => quote(request),
});
