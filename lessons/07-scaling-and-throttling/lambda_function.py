# One instance serves one request at a time. While this function waits for its "database" (WORK_MS,
# standing in for a query), its instance is busy, and a request arriving meanwhile needs another
# instance. How many run at once is the request rate times how long each request takes.
import json
import time
from datetime import datetime, timezone

WORK_MS = 500

instance_started_at = datetime.now(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')
served = 0  # this instance's own count: each instance keeps its own


def lambda_handler(event, context):
    global served
    records = event.get('Records') or [{}]
    # A batch from a queue (an event source mapping): save all its orders in one round trip.
    if records[0].get('eventSource') == 'aws:sqs':
        time.sleep(WORK_MS / 1000)
        served += len(event['Records'])
        print('saved %d orders on the instance started at %s' % (len(event['Records']), instance_started_at))
        # Nothing failed: an empty batchItemFailures lets the platform delete the whole batch.
        return {'saved': len(event['Records']), 'batchItemFailures': []}

    time.sleep(WORK_MS / 1000)
    served += 1
    answer = {'workMs': WORK_MS, 'instanceStartedAt': instance_started_at, 'served': served}
    # An HTTP request (API Gateway's payload 2.0), as the traffic generator sends: status, headers, body.
    if 'http' in (event.get('requestContext') or {}):
        return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(answer)}
    return answer  # a direct invocation gets the object itself
