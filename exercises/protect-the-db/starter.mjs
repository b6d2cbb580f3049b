import { table } from 'faaslab';

// TODO: the database behind this function takes 5 connections, and a backlog of orders must never open
// more. The platform reads settings you write beside the code, as a SAM template holds them beside a Lambda
// function: export const config = { ... }; see the exercise for the settings it reads.

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

// Records an order and adds its quantity to the item's total.
async function countOnce(order) {
  // TODO: a queue delivers at least once. Count an order only the first time it arrives.
  await orders.put({ orderId: order.orderId, item: order.item, quantity: order.quantity });
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
