// AWS Lambda behind API Gateway: the whole quote worked out here, where Lambda's event is at hand.
const PRICES = { tea: 350, coffee: 420, cake: 500 };
const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const method = event.requestContext.http.method;
  if (method !== 'GET' && method !== 'POST') {
    return json(405, { error: `${method} is not allowed here: use GET or POST` });
  }
  let order;
  if (method === 'GET') {
    const query = event.queryStringParameters ?? {};
    order = { item: query.item, qty: query.qty ?? 1 };
  } else {
    try {
      const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
      order = JSON.parse(text ?? '');
    } catch {
      order = undefined;
    }
  }
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    return json(400, { error: 'the body must be a JSON object such as {"item": "tea", "qty": 2}' });
  }
  if (!order.item) {
    return json(400, { error: 'say which item: ?item=tea, or {"item": "tea"} in the body' });
  }
  const qty = Number(order.qty ?? 1);
  if (!Number.isInteger(qty) || qty < 1 || qty > 100) {
    return json(400, { error: 'qty must be a whole number from 1 to 100' });
  }
  const unitCents = PRICES[order.item];
  if (unitCents === undefined) {
    return json(404, { error: `we do not sell ${order.item}` });
  }
  return json(200, { item: order.item, qty, unitCents, totalCents: unitCents * qty });
};
