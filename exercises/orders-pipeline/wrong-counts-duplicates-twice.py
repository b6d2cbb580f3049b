# Wrong: adds every delivery to the total, so a message the queue delivers twice (at-least-once delivery)
# is counted twice.
import json

import faaslab
from faaslab import table

# Handles on the tables, made once in Init and reused by every warm invocation, as an SDK client is on Lambda.
ORDERS = table('orders')
TOTALS = table('totals')
DASHBOARD = table('dashboard')


def parse_order(text):
    """An order is good when its orderId and item are non-empty strings and its quantity a whole number (a JSON
    number, not text) of at least 1. Returns it, or raises ValueError saying what is wrong."""
    try:
        order = json.loads(text or '')
    except ValueError:
        raise ValueError('the order is not JSON')
    if not isinstance(order, dict):
        raise ValueError('an order is a JSON object')
    if not isinstance(order.get('orderId'), str) or not order['orderId']:
        raise ValueError("an order needs an 'orderId', a non-empty string")
    if not isinstance(order.get('item'), str) or not order['item']:
        raise ValueError("an order needs an 'item', a non-empty string")
    quantity = order.get('quantity')
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError("'quantity' must be a whole number of at least 1")
    return order


def count_once(order):
    """Counts the order: every delivery of it adds to the total."""
    ORDERS.put({'orderId': order['orderId'], 'item': order['item'], 'quantity': order['quantity']})
    TOTALS.increment({'item': order['item']}, 'ordered', order['quantity'])


def on_queue(records):
    """A batch from the queue: each message on its own. A bad one is reported, not raised, so that the good ones
    are deleted and only it comes back; after maxReceiveCount receives the queue moves it to its DLQ."""
    failures = []
    for record in records:
        try:
            count_once(parse_order(record.get('body')))
        except (ValueError, faaslab.SdkError) as error:
            print('message %s failed: %s' % (record['messageId'], error))
            failures.append({'itemIdentifier': record['messageId']})
    return {'batchItemFailures': failures}


def on_changes(records):
    """A batch of changes to the table 'orders', in order. Only an INSERT is a new order: a MODIFY (the order
    packed) or a REMOVE (the order archived) is the same order again. Images are typed JSON: {'S': 'tea'}."""
    for record in records:
        if record['eventName'] != 'INSERT':
            continue
        DASHBOARD.increment({'item': record['dynamodb']['NewImage']['item']['S']}, 'orders', 1)
    return {'batchItemFailures': []}


def lambda_handler(event, context):
    records = event.get('Records') if isinstance(event.get('Records'), list) else []
    source = records[0].get('eventSource') if records else None
    if source == 'aws:sqs':
        return on_queue(records)
    if source == 'aws:dynamodb':
        return on_changes(records)
    raise ValueError('neither a queue batch nor a batch of table changes')
