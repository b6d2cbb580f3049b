# Wrong: fixed when the code was written, so every instance says the same; the platform started several.
INSTANCE_STARTED_AT = '2026-12-01T09:00:00+00:00'
INSTANCE_ID = 'instance-1'


def lambda_handler(event, context):
    return {
        'requestId': context.aws_request_id,
        'functionName': context.function_name,
        'memoryLimitInMB': int(context.memory_limit_in_mb),
        'remainingTimeMs': context.get_remaining_time_in_millis(),
        'instanceStartedAt': INSTANCE_STARTED_AT,
        'instanceId': INSTANCE_ID,
    }
