# Your first function. There is no server here to start or stop: the platform calls
# `lambda_handler` once for each event, whether that is a request to /fn/hello-serverless?name=Ada
# or a plain object such as {"name": "Ada"} sent from the lab's Invoke button.


def lambda_handler(event, context):
    # An HTTP request carries the name in its query string; a plain event carries it directly.
    # (API Gateway leaves queryStringParameters out when there is no query, hence the `or {}`.)
    query = event.get('queryStringParameters') or {}
    name = query.get('name') or event.get('name') or 'world'
    print('greeting', name)
    return {
        'message': 'Hello, %s! No server was started for this.' % name,
        # The context describes this one invocation: which function, which request, how much memory.
        'functionName': context.function_name,
        'memoryLimitInMB': int(context.memory_limit_in_mb),
        'requestId': context.aws_request_id,
    }
