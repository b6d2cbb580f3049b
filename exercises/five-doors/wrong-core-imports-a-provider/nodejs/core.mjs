// The tea shop's quote service, written once: plain values in, plain values out. Nothing here knows which
// provider runs it; each door's adapter turns its provider's request into { method, query, body } and the
// answer back into its provider's response.
// Registered with Google's Functions Framework here, so that gcp.mjs has nothing left to do.
import functions from '@google-cloud/functions-framework';

const PRICES = { tea: 350, coffee: 420, cake: 500 };   // cents
const JSON_TYPE = { 'content-type': 'application/json' };

const answer = (status, value) => ({ status, headers: JSON_TYPE, body: JSON.stringify(value) });

/** The order a request asks about: the query of a GET, the JSON body of a POST (text, or already parsed). */
function orderOf(method, query, body) {
  if (method === 'GET') return { item: query.item, qty: query.qty ?? 1 };
  try {
    return typeof body === 'string' ? JSON.parse(body) : body;
  } catch {
    return undefined;
  }
}

/** What `qty` of `item` costs: 200 with the quote, or 400, 404 or 405 with an error, always as JSON. */
export function quote({ method, query = {}, body = '' }) {
  if (method !== 'GET' && method !== 'POST') {
    return answer(405, { error: `${method} is not allowed here: use GET or POST` });
  }
  const order = orderOf(method, query, body);
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    return answer(400, { error: 'the body must be a JSON object such as {"item": "tea", "qty": 2}' });
  }
  if (!order.item) {
    return answer(400, { error: 'say which item: ?item=tea, or {"item": "tea"} in the body' });
  }
  const qty = Number(order.qty ?? 1);
  if (!Number.isInteger(qty) || qty < 1 || qty > 100) {
    return answer(400, { error: 'qty must be a whole number from 1 to 100' });
  }
  const unitCents = PRICES[order.item];
  if (unitCents === undefined) {
    return answer(404, { error: `we do not sell ${order.item}` });
  }
  return answer(200, { item: order.item, qty, unitCents, totalCents: unitCents * qty });
}

functions.http('quote', (req, res) => {
  const { status, headers, body } = quote({ method: req.method, query: req.query, body: req.body ?? '' });
  res.status(status).set(headers).send(body);
});
