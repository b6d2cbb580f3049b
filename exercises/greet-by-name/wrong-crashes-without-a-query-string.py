# Wrong: reads queryStringParameters as if it were always there, but a request without a query string has
# none at all, so the handler raises and API Gateway answers 500 instead of 400.
import json


def respond(status_code, value):
    return {'statusCode': status_code, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def lambda_handler(event, context):
    name = event['queryStringParameters']['name'].strip()
    if not name:
        return respond(400, {'error': "the query parameter 'name' is missing: try ?name=Ada"})
    return respond(200, {'message': 'Hello, %s!' % name})
