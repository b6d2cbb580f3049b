# Lesson 4's function: orders reach it from a queue, in batches, and changes to a table reach it from the
# table's stream. One handler serves both, telling them apart by each record's eventSource.
import json


def parse_order(text):
    """An order is good when its item is a non-empty string and its quantity a whole number (a JSON number) of
    at least 1. Returns the order, or raises saying what is wrong: such a message is "poison", it fails every
    time."""
    try:
        order = json.loads(text)
    except ValueError:
        raise ValueError('the body is not JSON')
    if not isinstance(order, dict) or not isinstance(order.get('item'), str) or not order['item']:
        raise ValueError("an order needs an 'item'")
    quantity = order.get('quantity')
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError("'quantity' must be a whole number of at least 1")
    return order


def on_queue(records):
    """A batch of messages. A bad one is reported in batchItemFailures, not raised: with ReportBatchItemFailures
    on the trigger, only it comes back after the visibility timeout, and the good ones are deleted."""
    failures = []
    for record in records:
        # How many times the queue has handed out this message, this time included.
        receive = record.get('attributes', {}).get('ApproximateReceiveCount')
        try:
            order = parse_order(record['body'])
            print('message %s, receive %s: %s × %s' % (record['messageId'], receive, order['quantity'], order['item']))
        except ValueError as error:
            print('message %s, receive %s, failed: %s' % (record['messageId'], receive, error))
            failures.append({'itemIdentifier': record['messageId']})
    return {'kind': 'queue', 'messages': len(records), 'batchItemFailures': failures}


def on_changes(records):
    """A batch of table changes, in the order they were made. eventName says what happened to the item: INSERT,
    MODIFY or REMOVE. The images (NewImage, OldImage) are in DynamoDB's typed JSON: {'item': {'S': 'tea'}}."""
    new_orders = 0
    for record in records:
        change = record['dynamodb']
        print('%s %s old: %s new: %s' % (record['eventName'], json.dumps(change['Keys']),
                                         json.dumps(change.get('OldImage')), json.dumps(change.get('NewImage'))))
        if record['eventName'] == 'INSERT':
            new_orders += 1
    return {'kind': 'stream', 'records': len(records), 'newOrders': new_orders}


def lambda_handler(event, context):
    records = event.get('Records') if isinstance(event.get('Records'), list) else []
    source = records[0].get('eventSource') if records else None
    if source == 'aws:sqs':
        return on_queue(records)
    if source == 'aws:dynamodb':
        return on_changes(records)
    about = {'message': 'Orders come to this function through the queue orders and the stream of the table orders.'}
    if (event.get('requestContext') or {}).get('http'):
        # The traffic generator's GET: answer it as an HTTP function would.
        return {'statusCode': 200, 'headers': {'content-type': 'application/json'},
                'body': json.dumps(dict(kind='http', **about))}
    return dict(kind='custom', **about)
