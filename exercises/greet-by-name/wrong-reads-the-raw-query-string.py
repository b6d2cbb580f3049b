# Wrong: cuts the name out of rawQueryString, which is still URL-encoded, so "Ada%20Lovelace" is greeted
# as it was sent instead of as "Ada Lovelace".
import json


def respond(status_code, value):
    return {'statusCode': status_code, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def lambda_handler(event, context):
    pairs = [part for part in (event.get('rawQueryString') or '').split('&') if part.startswith('name=')]
    name = pairs[0][len('name='):].strip() if pairs else ''
    if not name:
        return respond(400, {'error': "the query parameter 'name' is missing: try ?name=Ada"})
    return respond(200, {'message': 'Hello, %s!' % name})
