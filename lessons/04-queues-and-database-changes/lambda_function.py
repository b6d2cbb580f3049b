# One function, many triggers. Each service that can call a function sends its own shape of
# event, and nothing in the call says which service it was: the function tells them apart by
# the fields only that service sends.
import json


def lambda_handler(event, context):
    # Queue and upload events both carry Records[]; eventSource says which service sent them.
    source = (event.get('Records') or [{}])[0].get('eventSource')

    # API Gateway's HTTP API (payload 2.0): a request to /fn/event-kinds/... answered synchronously.
    if 'http' in (event.get('requestContext') or {}):
        http = event['requestContext']['http']
        print('http: %s %s' % (http['method'], http['path']))
        # An HTTP answer has a status, headers and a body (a string); a plain dict would do as well,
        # becoming a 200 with a JSON body, but spelling it out shows what goes back to the caller.
        return {
            'statusCode': 200,
            'headers': {'content-type': 'application/json'},
            'body': json.dumps({'kind': 'http', 'method': http['method'], 'path': http['path'],
                                'query': event.get('queryStringParameters') or {}}),
        }

    # SQS, through an event source mapping: a batch of messages in Records[].
    if source == 'aws:sqs':
        batch_item_failures = []
        for record in event['Records']:
            try:
                order = json.loads(record['body'])
                print('queue: message %s, receive %s: %s'
                      % (record['messageId'], record['attributes']['ApproximateReceiveCount'], order))
            except ValueError as e:
                # Report only this message as failed: the others are deleted, this one comes back later.
                print('queue: message %s is not JSON (%s)' % (record['messageId'], e))
                batch_item_failures.append({'itemIdentifier': record['messageId']})
        return {'kind': 'queue', 'messages': len(event['Records']), 'batchItemFailures': batch_item_failures}

    # S3, through a bucket subscription: one record per object written or deleted.
    if source == 'aws:s3':
        s3 = event['Records'][0]['s3']
        # Imported here, not at the top: urllib.parse is slow to load, and only uploads need it.
        from urllib.parse import unquote_plus
        # Keys arrive URL-encoded as a form value: a space is '+'.
        key = unquote_plus(s3['object']['key'])
        print('upload: %s %s/%s' % (event['Records'][0]['eventName'], s3['bucket']['name'], key))
        return {'kind': 'upload', 'bucket': s3['bucket']['name'], 'key': key, 'size': s3['object'].get('size')}

    # EventBridge, through a schedule: one event per fire time, with an empty detail.
    if event.get('detail-type') == 'Scheduled Event':
        print('schedule: %s fired for %s' % (event['resources'][0], event['time']))
        return {'kind': 'schedule', 'rule': event['resources'][0], 'firedFor': event['time']}

    # Anything else came from a direct invocation, whose event is whatever the caller sent.
    print('custom event:', event)
    # A way to see a failure handled by the platform: {"fail": true} raises, and an asynchronous call is retried.
    if event.get('fail'):
        raise RuntimeError('asked to fail')
    return {'kind': 'custom', 'fields': list(event)}
