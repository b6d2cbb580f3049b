import { table } from 'faaslab';

// The settings beside the code, as a SAM template holds them beside a Lambda function. The database takes
// 5 connections, so the queue trigger may hand this function at most 5 batches at once; the rest wait in
// the queue, where waiting is safe. (reservedConcurrency would throttle the extra batches instead, and a
// throttled batch comes back one receive nearer the dead-letter queue.)
export const config = { maximumConcurrency: 5 };

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
    try {
      await countOnce(parseOrder(record.body));
    } catch (error) {
      // Every error swallowed: the batch "succeeds", and the bad message is deleted with it, never seen again.
      console.log(`message ${record.messageId} dropped: ${error.message}`);
    }
  }
  return { batchItemFailures };
};
