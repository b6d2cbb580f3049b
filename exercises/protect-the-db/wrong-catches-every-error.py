import json

import faaslab
from faaslab import table

# The settings beside the code, as a SAM template holds them beside a Lambda function. The database takes
# 5 connections, so the queue trigger may hand this function at most 5 batches at once; the rest wait in
# the queue, where waiting is safe. (reservedConcurrency would throttle the extra batches instead, and a
# throttled batch comes back one receive nearer the dead-letter queue.)
config = {'maximumConcurrency': 5}

# Handles on the tables, made once in Init and reused by every warm invocation.
ORDERS = table('orders')
TOTALS = table('totals')


def parse_order(text):
    """A good order: orderId and item non-empty strings, quantity a whole JSON number of at least 1."""
    order = json.loads(text or '')  # raises ValueError on a body that is not JSON
    if not isinstance(order, dict):
        raise ValueError('an order is a JSON object')
    if not isinstance(order.get('orderId'), str) or not order['orderId']:
        raise ValueError("an order needs an 'orderId'")
    if not isinstance(order.get('item'), str) or not order['item']:
        raise ValueError("an order needs an 'item'")
    quantity = order.get('quantity')
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError("'quantity' must be a whole number of at least 1")
    return order


def count_once(order):
    """Counts an order once, however often it is delivered: only the delivery whose put records its orderId
    (a put that succeeds only while the item is absent) adds to the total."""
    try:
        ORDERS.put({'orderId': order['orderId'], 'item': order['item'], 'quantity': order['quantity']},
                   if_absent=True)
    except faaslab.ConditionalCheckFailedException:
        return  # a duplicate: counted already
    TOTALS.increment({'item': order['item']}, 'ordered', order['quantity'])


def lambda_handler(event, context):
    failures = []
    for record in event.get('Records') or []:
        try:
            count_once(parse_order(record.get('body')))
        except Exception as error:
            # Every error swallowed: the batch "succeeds", and the bad message is deleted with it, never seen again.
            print('message %s dropped: %s' % (record['messageId'], error))
    return {'batchItemFailures': failures}
