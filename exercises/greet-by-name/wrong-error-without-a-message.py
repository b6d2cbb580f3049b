# Wrong: answers 400 without saying what is missing, so the person calling has to guess.
import json


def respond(status_code, value):
    return {'statusCode': status_code, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def lambda_handler(event, context):
    name = ((event.get('queryStringParameters') or {}).get('name') or '').strip()
    if not name:
        return respond(400, {})
    return respond(200, {'message': 'Hello, %s!' % name})
