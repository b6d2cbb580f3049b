// The tea shop's quote service. Each adapter hands over its provider's own request, and the core tells the doors
// apart by what it finds in it.
const PRICES = { tea: 350, coffee: 420, cake: 500 };   // cents
const JSON_TYPE = { 'content-type': 'application/json' };

const answer = (status, value) => ({ status, headers: JSON_TYPE, body: JSON.stringify(value) });

/** method, query and body from whichever provider's request this is. */
async function read(request) {
  if (request.requestContext) {             // API Gateway's event: AWS Lambda
    return { method: request.requestContext.http.method, query: request.queryStringParameters, body: request.body };
  }
  if (typeof request.text === 'function') { // the web's Request: Cloudflare Workers, Netlify, Azure Functions
    const url = new URL(request.url);
    return { method: request.method, query: Object.fromEntries(url.searchParams), body: await request.text() };
  }
  return { method: request.method, query: request.query, body: request.body };   // Express: Cloud Run functions
}

export async function quote(request) {
  const { method, query, body } = await read(request);
  if (method !== 'GET' && method !== 'POST') {
    return answer(405, { error: `${method} is not allowed here: use GET or POST` });
  }
  let order;
  try {
    order = method === 'GET' ? { item: query.item, qty: query.qty ?? 1 } : typeof body === 'string' ? JSON.parse(body) : body;
  } catch {
    order = undefined;
  }
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
