import uuid
from datetime import datetime, timezone

INSTANCE_STARTED_AT = datetime.now(timezone.utc).isoformat()
INSTANCE_ID = uuid.uuid4().hex[:8]


def lambda_handler(event, context):
    return {
        # Wrong: unique, but not the platform's id, so it matches nothing in the logs.
        'requestId': str(uuid.uuid4()),
        'functionName': context.function_name,
        'memoryLimitInMB': int(context.memory_limit_in_mb),
        'remainingTimeMs': context.get_remaining_time_in_millis(),
        'instanceStartedAt': INSTANCE_STARTED_AT,
        'instanceId': INSTANCE_ID,
    }
