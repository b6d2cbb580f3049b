import json
from urllib.parse import unquote_plus

from faaslab import bucket, table

# Handles made once, in Init, and reused by every warm invocation, as an SDK client is on Lambda.
INDEX = table('index')
UPLOADS = bucket('uploads')  # the bucket that invokes this function, as each record's s3.bucket.name says
SUMMARIES = bucket('summaries')


def lambda_handler(event, context):
    indexed = []
    for record in event['Records']:
        source = record['s3']['bucket']['name']
        # S3 sends the key URL-encoded as a form value: 'notes/shopping list.txt' arrives as 'notes/shopping+list.txt'.
        key = unquote_plus(record['s3']['object']['key'])
        body = UPLOADS.get(key)['body']
        words = len(body.split())
        # Both writes are named after the object, not after this delivery: the same event delivered again
        # (at least once means it can be) rewrites the same item and the same summary, and adds nothing.
        INDEX.put({'key': key, 'bucket': source, 'words': words})
        # The summary goes to another bucket: one written into 'uploads' would invoke this function again.
        SUMMARIES.put(key + '.json', json.dumps({'key': key, 'words': words}), content_type='application/json')
        indexed.append(key)
    return {'indexed': indexed}
