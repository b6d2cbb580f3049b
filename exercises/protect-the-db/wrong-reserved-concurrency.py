import json

import faaslab
from faaslab import table

# Caps the function itself at 5 instances: the queue trigger still hands over more batches than that,
# and each extra one is throttled.
config = {'reservedConcurrency': 5}

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
            order = parse_order(record.get('body'))
        except ValueError as error:
            # A poison message: report it alone, so the queue keeps it and, after maxReceiveCount, parks it.
            print('message %s is not an order: %s' % (record['messageId'], error))
            failures.append({'itemIdentifier': record['messageId']})
            continue
        count_once(order)  # a database error fails the whole batch, which comes back: nothing is lost
    return {'batchItemFailures': failures}
