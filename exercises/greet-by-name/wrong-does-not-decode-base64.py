# Wrong: parses event.body as it arrives. A body sent without a text or JSON content type arrives
# base64-encoded (isBase64Encoded is true), which is not JSON, so that client gets a 400 instead of a greeting.
import json


def respond(status_code, value, headers=None):
    return {
        'statusCode': status_code,
        'headers': {'content-type': 'application/json', **(headers or {})},
        'body': json.dumps(value),
    }


def body_text(event):
    # API Gateway base64-encodes any body whose content type is not text or JSON.
    body = event.get('body') or ''
    return body


def name_in_body(event):
    # The name a POST sends, or None when its body is not a JSON object with one.
    try:
        value = json.loads(body_text(event))
    except ValueError:  # not JSON: the client's mistake
        return None
    return value.get('name') if isinstance(value, dict) else None


def lambda_handler(event, context):
    path = event.get('rawPath')
    if path != '/greet':
        return respond(404, {'error': 'there is no route %s: try GET /greet?name=Ada' % path})
    method = event['requestContext']['http']['method']
    if method == 'GET':
        # Absent when the request has no query string at all.
        name = (event.get('queryStringParameters') or {}).get('name')
    elif method == 'POST':
        name = name_in_body(event)
    else:
        return respond(405, {'error': '/greet takes GET and POST, not %s' % method}, {'allow': 'GET, POST'})
    if not isinstance(name, str) or not name.strip():
        return respond(400, {'error': "the query parameter 'name' is missing: try ?name=Ada" if method == 'GET'
                             else 'the body must be a JSON object with a name, such as {"name": "Ada"}'})
    return respond(200, {'message': 'Hello, %s!' % name.strip()})
