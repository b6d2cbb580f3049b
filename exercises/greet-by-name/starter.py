import json


# An HTTP function: API Gateway's event in, {statusCode, headers, body} out.
def lambda_handler(event, context):
    # TODO: read the name from event['queryStringParameters'], greet it, and answer 400 when it is missing.
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'message': 'Hello, world!'}),
    }
