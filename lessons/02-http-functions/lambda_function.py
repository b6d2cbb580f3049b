# An HTTP function. API Gateway turns each request to /fn/http-greeter/... into an event, and turns what
# the handler returns into the HTTP response: statusCode, headers and a body that is a string.
import json


def respond(status_code, value):
    return {
        'statusCode': status_code,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps(value),
    }


def lambda_handler(event, context):
    # A request from the lab's Invoke button with a plain event has no requestContext: treat it as a GET.
    method = event.get('requestContext', {}).get('http', {}).get('method', 'GET')
    print(method, event.get('rawPath', '(not HTTP)'), 'isBase64Encoded=%s' % event.get('isBase64Encoded'))

    if method == 'GET':
        name = (event.get('queryStringParameters') or {}).get('name') or event.get('name') or 'world'
        return respond(200, {'message': 'Hello, %s!' % name})

    content_type = (event.get('headers') or {}).get('content-type', '(none)')
    if content_type.startswith('application/json'):
        # Careless on purpose: this trusts every client to send a JSON object with a name.
        name = json.loads(event['body'])['name']
        return respond(200, {'message': 'Hello, %s!' % name})

    # Any other body: answer with what arrived, so that you can see how API Gateway passed it on.
    return respond(200, {
        'received': {'contentType': content_type, 'isBase64Encoded': event.get('isBase64Encoded'),
                     'body': (event.get('body') or '')[:60]},
    })
