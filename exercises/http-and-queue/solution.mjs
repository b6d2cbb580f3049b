// An order is good when it names an item and a whole quantity of at least 1. Returns the order or throws.
function parseOrder(text) {
  const order = JSON.parse(text ?? '');
  if (typeof order?.item !== 'string' || order.item === '' || !Number.isInteger(order.quantity) || order.quantity < 1) {
    throw new Error('an order needs an item and a whole quantity of at least 1');
  }
  return order;
}

const json = (statusCode, value) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

function onHttp(event) {
  try {
    const order = parseOrder(event.body); // text bodies arrive as text; other types base64-encoded
    return json(201, { accepted: order.item, quantity: order.quantity });
  } catch (error) {
    return json(400, { error: error.message });
  }
}

function onQueue(event) {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      parseOrder(record.body);
    } catch (error) {
      console.log(`message ${record.messageId} is not a good order: ${error.message}`);
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
