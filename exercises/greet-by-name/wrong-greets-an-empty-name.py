# Wrong: answers 400 only when the parameter is absent, so ?name= greets nobody: "Hello, !".
import json


def respond(status_code, value):
    return {'statusCode': status_code, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def lambda_handler(event, context):
    name = (event.get('queryStringParameters') or {}).get('name')
    if name is None:
        return respond(400, {'error': "the query parameter 'name' is missing: try ?name=Ada"})
    return respond(200, {'message': 'Hello, %s!' % name})
