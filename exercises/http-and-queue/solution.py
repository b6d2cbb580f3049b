import base64
import json


def parse_order(text):
    """An order is good when it names an item and a whole quantity of at least 1. Returns it or raises."""
    order = json.loads(text or '')
    item = order.get('item') if isinstance(order, dict) else None
    quantity = order.get('quantity') if isinstance(order, dict) else None
    if not isinstance(item, str) or not item or isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError('an order needs an item and a whole quantity of at least 1')
    return order


def respond(status_code, value):
    return {'statusCode': status_code, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def on_http(event):
    body = event.get('body') or ''
    if event.get('isBase64Encoded'):
        body = base64.b64decode(body).decode('utf-8')
    try:
        order = parse_order(body)
    except ValueError as error:  # json.JSONDecodeError is a ValueError too
        return respond(400, {'error': str(error)})
    return respond(201, {'accepted': order['item'], 'quantity': order['quantity']})


def on_queue(event):
    failures = []
    for record in event['Records']:
        try:
            parse_order(record.get('body'))
        except ValueError as error:
            print('message %s is not a good order: %s' % (record['messageId'], error))
            failures.append({'itemIdentifier': record['messageId']})
    return {'batchItemFailures': failures}


def lambda_handler(event, context):
    if (event.get('requestContext') or {}).get('http'):
        return on_http(event)
    if isinstance(event.get('Records'), list):
        return on_queue(event)
    raise ValueError('neither an HTTP request nor a queue batch')
