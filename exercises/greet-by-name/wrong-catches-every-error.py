# Wrong: throws on anything unexpected and catches every error in one place, answering 400 to all of it. No
# 500 ever leaves, but a route that does not exist and a method /greet does not take are answered 400, as if
# the name were missing: the client is told the wrong mistake (404 and 405 say what it is).
import base64
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
    if event.get('isBase64Encoded'):
        return base64.b64decode(body).decode('utf-8')
    return body


def name_in_body(event):
    # The name a POST sends, or None when its body is not a JSON object with one.
    try:
        value = json.loads(body_text(event))
    except ValueError:  # not JSON, not UTF-8, not base64 (each a ValueError): the client's mistake
        return None
    return value.get('name') if isinstance(value, dict) else None


def lambda_handler(event, context):
    try:
        return greet(event)
    except Exception as error:
        return respond(400, {'error': 'bad request: %s; the name is needed, as ?name=Ada' % error})


def greet(event):
    path = event.get('rawPath')
    if path != '/greet':
        raise ValueError('no route %s' % path)
    method = event['requestContext']['http']['method']
    if method == 'GET':
        # Absent when the request has no query string at all.
        name = (event.get('queryStringParameters') or {}).get('name')
    elif method == 'POST':
        name = name_in_body(event)
    else:
        raise ValueError('%s is not taken' % method)
    if not isinstance(name, str) or not name.strip():
        return respond(400, {'error': "the query parameter 'name' is missing: try ?name=Ada" if method == 'GET'
                             else 'the body must be a JSON object with a name, such as {"name": "Ada"}'})
    return respond(200, {'message': 'Hello, %s!' % name.strip()})
