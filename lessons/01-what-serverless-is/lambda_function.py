# Your first function. There is no server here for you to start or stop: the platform calls `lambda_handler`
# once for each event, whether that is a request to /fn/hello-serverless?name=Ada or a plain object such as
# {"name": "Ada"} sent from the lab's Invoke button.


def lambda_handler(event, context):
    # The event is what happened. An HTTP request carries the name in its query string; a plain event directly.
    # (API Gateway leaves queryStringParameters out when there is no query, hence the `or {}`.)
    query = event.get('queryStringParameters') or {}
    name = query.get('name') or event.get('name') or 'world'
    print('greeting', name)
    # The result: whatever the handler returns. Through the HTTP trigger, a dict becomes a 200 JSON body.
    return {
        'message': 'Hello, %s!' % name,
        # The context is the platform's facts about this one invocation.
        'functionName': context.function_name,
        'memoryLimitInMB': int(context.memory_limit_in_mb),  # the context gives it as text
        'requestId': context.aws_request_id,                  # the same id as in the REPORT line
        'remainingTimeMs': context.get_remaining_time_in_millis(),  # what is left of the timeout
    }
