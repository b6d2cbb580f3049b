import base64
import json

import faaslab
from faaslab import table

# Handles on the tables, made once in Init and reused by every warm invocation, as an SDK client is on Lambda.
ORDERS = table('orders')
TOTALS = table('totals')


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
    """Counts an order once, however often it is delivered: only the delivery that records its orderId (a put
    that succeeds only while the item is absent, atomically) adds to the item's total."""
    try:
        ORDERS.put({'orderId': order['orderId'], 'item': order['item'], 'quantity': order['quantity']},
                   if_absent=True)
    except faaslab.ConditionalCheckFailedException:
        return  # a duplicate: counted already
    TOTALS.increment({'item': order['item']}, 'ordered', order['quantity'])


def respond(status_code, value):
    return {'statusCode': status_code, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def on_http(event):
    body = event.get('body') or ''
    if event.get('isBase64Encoded'):
        body = base64.b64decode(body).decode('utf-8')
    try:
        order = parse_order(body)
    except ValueError as error:
        return respond(400, {'error': str(error)})
    count_once(order)
    return respond(201, {'accepted': order['item'], 'quantity': order['quantity'], 'orderId': order['orderId']})


def on_queue(event):
    failures = []
    for record in event['Records']:
        try:
            count_once(parse_order(record.get('body')))
        except (ValueError, faaslab.SdkError) as error:
            print('message %s failed: %s' % (record['messageId'], error))
            failures.append({'itemIdentifier': record['messageId']})
    return {'batchItemFailures': failures}


def lambda_handler(event, context):
    if (event.get('requestContext') or {}).get('http'):
        return on_http(event)
    if isinstance(event.get('Records'), list):
        return on_queue(event)
    raise ValueError('neither an HTTP request nor a queue batch')
