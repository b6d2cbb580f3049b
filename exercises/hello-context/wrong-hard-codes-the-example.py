import uuid
from datetime import datetime, timezone

INSTANCE_STARTED_AT = datetime.now(timezone.utc).isoformat()
INSTANCE_ID = uuid.uuid4().hex[:8]


# Wrong: the values the lab showed once, typed in. They fit the lesson's function, not this deployment.
def lambda_handler(event, context):
    return {
        'requestId': context.aws_request_id,
        'functionName': 'hello-context',
        'memoryLimitInMB': 128,
        'remainingTimeMs': 3000,
        'instanceStartedAt': INSTANCE_STARTED_AT,
        'instanceId': INSTANCE_ID,
    }
