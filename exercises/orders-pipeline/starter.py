import json

from faaslab import table


def lambda_handler(event, context):
    """One function, two sources: batches of messages from the queue 'orders' (eventSource 'aws:sqs'), and
    batches of changes to the table 'orders' from its stream (eventSource 'aws:dynamodb')."""
    records = event.get('Records') if isinstance(event.get('Records'), list) else []
    source = records[0].get('eventSource') if records else None
    if source == 'aws:sqs':
        failures = []
        for record in records:
            order = json.loads(record['body'])
            print('order %s: %s %s' % (order.get('orderId'), order.get('quantity'), order.get('item')))
            # TODO: check the order; count it once in 'orders' and 'totals'; report a bad message by its messageId
        return {'batchItemFailures': failures}
    if source == 'aws:dynamodb':
        # TODO: add 1 to the item's 'orders' in the table 'dashboard' for each new order
        return {'batchItemFailures': []}
    raise ValueError('neither a queue batch nor a batch of table changes')
