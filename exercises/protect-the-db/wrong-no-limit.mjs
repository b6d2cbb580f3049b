import { table } from 'faaslab';

// No limit: the queue trigger hands over as many batches at once as are waiting.

// Handles on the tables, made once in Init and reused by every warm invocation.
const orders = table('orders');
const totals = table('totals');

// A good order: orderId and item non-empty strings, quantity a whole JSON number of at least 1.
function parseOrder(text) {
  const order = JSON.parse(text ?? ''); // throws on a body that is not JSON
  if (order === null || typeof order !== 'object' || Array.isArray(order)) throw new Error('an order is a JSON object');
  if (typeof order.orderId !== 'string' || order.orderId === '') throw new Error("an order needs an 'orderId'");
  if (typeof order.item !== 'string' || order.item === '') throw new Error("an order needs an 'item'");
  if (!Number.isInteger(order.quantity) || order.quantity < 1) throw new Error("'quantity' must be a whole number of at least 1");
  return order;
}

// Counts an order once, however often it is delivered: only the delivery whose put records its orderId
// (a put that succeeds only while the item is absent) adds to the total.
async function countOnce(order) {
  try {
    await orders.put({ orderId: order.orderId, item: order.item, quantity: order.quantity }, { ifAbsent: true });
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return; // a duplicate: counted already
    throw error;
  }
  await totals.increment({ item: order.item }, 'ordered', order.quantity);
}

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records ?? []) {
    let order;
    try {
      order = parseOrder(record.body);
    } catch (error) {
      // A poison message: report it alone, so the queue keeps it and, after maxReceiveCount, parks it.
      console.log(`message ${record.messageId} is not an order: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    await countOnce(order); // a database error fails the whole batch, which comes back: nothing is lost
  }
  return { batchItemFailures };
};
