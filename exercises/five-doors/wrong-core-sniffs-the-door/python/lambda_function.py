# AWS Lambda behind API Gateway: the event goes to the core as it is.
from core import quote


def lambda_handler(event, context):
    answer = quote(event)
    return {'statusCode': answer['status'], 'headers': answer['headers'], 'body': answer['body']}
