from urllib.parse import unquote_plus

from faaslab import bucket


def lambda_handler(event, context):
    """Nobody waits for this function's answer when a bucket or a schedule calls it: the platform invokes it
    asynchronously, retries it when it fails, and may deliver the same event more than once."""
    records = event.get('Records') or []
    # S3, through a bucket subscription: one record per object written.
    if records and records[0].get('eventSource') == 'aws:s3':
        receipts = []
        for record in records:
            source = record['s3']['bucket']['name']
            # Keys arrive URL-encoded as a form value: a space is '+'.
            key = unquote_plus(record['s3']['object']['key'])
            size = record['s3']['object']['size']
            print(f'upload: {source}/{key}, {size} bytes')
            # A receipt named after the upload, so a duplicate delivery rewrites it instead of adding one. It goes
            # into the bucket the upload came from: read the lesson before you trust that.
            receipt = f'receipts/{key}.txt'
            bucket(source).put(receipt, f'received {key} ({size} bytes)\n')
            receipts.append(receipt)
        return {'kind': 'upload', 'receipts': receipts}

    # EventBridge Scheduler or a rule: one event per fire time, also asynchronous.
    if event.get('detail-type') == 'Scheduled Event':
        print(f"schedule: {event['resources'][0]} fired for {event['time']}")
        return {'kind': 'schedule', 'firedFor': event['time']}

    # API Gateway's HTTP API: the one caller here that waits for the answer.
    if (event.get('requestContext') or {}).get('http'):
        return {
            'statusCode': 200,
            'headers': {'content-type': 'application/json'},
            'body': '{"kind": "http", "hint": "upload an object to a bucket this function is subscribed to"}',
        }

    # A direct invocation. {"fail": true} throws: sent asynchronously, the platform retries it.
    if event.get('fail') is True:
        raise RuntimeError('asked to fail')
    return {'kind': 'custom', 'fields': list(event)}
