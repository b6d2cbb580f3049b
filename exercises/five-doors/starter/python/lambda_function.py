# AWS Lambda behind API Gateway (HTTP API, payload 2.0): the event in, {statusCode, headers, body} out.
# This door is done, as an example of an adapter.
import base64

from core import quote


def lambda_handler(event, context):
    body = event.get('body') or ''
    if event.get('isBase64Encoded'):
        body = base64.b64decode(body).decode()
    answer = quote(event['requestContext']['http']['method'], event.get('queryStringParameters') or {}, body)
    return {'statusCode': answer['status'], 'headers': answer['headers'], 'body': answer['body']}
