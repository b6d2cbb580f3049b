// Cloud Run functions (the Functions Framework): Express's req and res; req.body arrives parsed.
import functions from '@google-cloud/functions-framework';
import { quote } from './core.mjs';

functions.http('quote', (req, res) => {
  const { status, headers, body } = quote({ method: req.method, query: req.query, body: req.body ?? '' });
  res.status(status).set(headers).send(body);
});
