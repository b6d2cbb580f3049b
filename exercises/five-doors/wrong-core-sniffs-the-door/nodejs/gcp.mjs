// Cloud Run functions: Express's req goes to the core as it is.
import functions from '@google-cloud/functions-framework';
import { quote } from './core.mjs';

functions.http('quote', async (req, res) => {
  const { status, headers, body } = await quote(req);
  res.status(status).set(headers).send(body);
});
