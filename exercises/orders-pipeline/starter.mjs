import { table } from 'faaslab';

// One function, two sources: batches of messages from the queue 'orders' (eventSource 'aws:sqs'), and
// batches of changes to the table 'orders' from its stream (eventSource 'aws:dynamodb').
export const handler = async (event) => {
  const records = Array.isArray(event.Records) ? event.Records : [];
  if (records[0]?.eventSource === 'aws:sqs') {
    const batchItemFailures = [];
    for (const record of records) {
      const order = JSON.parse(record.body);
      console.log(`order ${order.orderId}: ${order.quantity} ${order.item}`);
      // TODO: check the order; count it once in 'orders' and 'totals'; report a bad message by its messageId
    }
    return { batchItemFailures };
  }
  if (records[0]?.eventSource === 'aws:dynamodb') {
    // TODO: add 1 to the item's 'orders' in the table 'dashboard' for each new order
    return { batchItemFailures: [] };
  }
  throw new Error('neither a queue batch nor a batch of table changes');
};
