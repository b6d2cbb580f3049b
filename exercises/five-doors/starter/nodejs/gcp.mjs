// Cloud Run functions (the Functions Framework): Express's req and res; req.body arrives parsed.
import functions from '@google-cloud/functions-framework';
import { quote } from './core.mjs';

functions.http('quote', (req, res) => {
  // TODO: call quote() with req's method, query and body, and send what it says.
  res.status(501).send('not written yet');
});
