// Lesson 4's function: orders reach it from a queue, in batches, and changes to a table reach it from the
// table's stream. One handler serves both, telling them apart by each record's eventSource.

// An order is good when its item is a non-empty string and its quantity a whole number (a JSON number) of at
// least 1. Returns the order, or throws saying what is wrong: such a message is "poison", it fails every time.
function parseOrder(text) {
  let order;
  try {
    order = JSON.parse(text);
  } catch {
    throw new Error('the body is not JSON');
  }
  if (typeof order?.item !== 'string' || order.item === '') throw new Error("an order needs an 'item'");
  if (!Number.isInteger(order.quantity) || order.quantity < 1) {
    throw new Error("'quantity' must be a whole number of at least 1");
  }
  return order;
}

// A batch of messages. A bad one is reported in batchItemFailures, not thrown: with ReportBatchItemFailures
// on the trigger, only it comes back after the visibility timeout, and the good ones are deleted.
function onQueue(records) {
  const batchItemFailures = [];
  for (const record of records) {
    // How many times the queue has handed out this message, this time included.
    const receive = record.attributes?.ApproximateReceiveCount;
    try {
      const order = parseOrder(record.body);
      console.log(`message ${record.messageId}, receive ${receive}: ${order.quantity} × ${order.item}`);
    } catch (error) {
      console.log(`message ${record.messageId}, receive ${receive}, failed: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { kind: 'queue', messages: records.length, batchItemFailures };
}

// A batch of table changes, in the order they were made. eventName says what happened to the item: INSERT,
// MODIFY or REMOVE. The images (NewImage, OldImage) are in DynamoDB's typed JSON: { item: { S: 'tea' } }.
function onChanges(records) {
  let newOrders = 0;
  for (const record of records) {
    const { Keys, NewImage, OldImage } = record.dynamodb;
    console.log(`${record.eventName} ${JSON.stringify(Keys)} old: ${JSON.stringify(OldImage ?? null)} new: ${JSON.stringify(NewImage ?? null)}`);
    if (record.eventName === 'INSERT') newOrders += 1;
  }
  return { kind: 'stream', records: records.length, newOrders };
}

export const handler = async (event) => {
  const records = Array.isArray(event.Records) ? event.Records : [];
  if (records[0]?.eventSource === 'aws:sqs') return onQueue(records);
  if (records[0]?.eventSource === 'aws:dynamodb') return onChanges(records);
  const about = { message: 'Orders come to this function through the queue orders and the stream of the table orders.' };
  if (event.requestContext?.http) {
    // The traffic generator's GET: answer it as an HTTP function would.
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'http', ...about }) };
  }
  return { kind: 'custom', ...about };
};
