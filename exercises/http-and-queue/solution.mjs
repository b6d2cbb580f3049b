import { table } from 'faaslab';

// Handles on the tables, made once in Init and reused by every warm invocation, as an SDK client is on Lambda.
const orders = table('orders');
const totals = table('totals');

// An order is good when its orderId and item are non-empty strings and its quantity a whole number (a JSON
// number, not text) of at least 1. Returns the order or throws, saying what is wrong.
function parseOrder(text) {
  let order;
  try {
    order = JSON.parse(text ?? '');
  } catch {
    throw new Error('the order is not JSON');
  }
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    throw new Error('an order is a JSON object');
  }
  if (typeof order.orderId !== 'string' || order.orderId === '') {
    throw new Error("an order needs an 'orderId', a non-empty string");
  }
  if (typeof order.item !== 'string' || order.item === '') {
    throw new Error("an order needs an 'item', a non-empty string");
  }
  if (!Number.isInteger(order.quantity) || order.quantity < 1) {
    throw new Error("'quantity' must be a whole number of at least 1");
  }
  return order;
}

// Counts an order once, however often it is delivered: only the delivery that records its orderId (a put
// that succeeds only while the item is absent, atomically) adds to the item's total.
async function countOnce(order) {
  try {
    await orders.put({ orderId: order.orderId, item: order.item, quantity: order.quantity }, { ifAbsent: true });
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return; // a duplicate: counted already
    throw error;
  }
  await totals.increment({ item: order.item }, 'ordered', order.quantity);
}

const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

async function onHttp(event) {
  let order;
  try {
    order = parseOrder(event.body); // text bodies arrive as text; other types base64-encoded
  } catch (error) {
    return json(400, { error: error.message });
  }
  await countOnce(order);
  return json(201, { accepted: order.item, quantity: order.quantity, orderId: order.orderId });
}

async function onQueue(event) {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await countOnce(parseOrder(record.body));
    } catch (error) {
      console.log(`message ${record.messageId} failed: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

export const handler = async (event) => {
  if (event.requestContext?.http) return onHttp(event);
  if (Array.isArray(event.Records)) return onQueue(event);
  throw new Error('neither an HTTP request nor a queue batch');
};
