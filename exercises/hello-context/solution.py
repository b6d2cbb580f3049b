import uuid
from datetime import datetime, timezone

# Init: the module's top level runs once, when the platform starts an instance. Whatever is set here is the
# instance's own, and every invocation the instance serves sees the same value.
INSTANCE_STARTED_AT = datetime.now(timezone.utc).isoformat()
INSTANCE_ID = uuid.uuid4().hex[:8]  # a name for this instance, made once


# Invoke: runs once per event. The context describes this one invocation, as the platform sees it.
def lambda_handler(event, context):
    return {
        'requestId': context.aws_request_id,                     # the platform's id for this invocation
        'functionName': context.function_name,                   # the name it was deployed under
        'memoryLimitInMB': int(context.memory_limit_in_mb),      # the context gives it as text
        'remainingTimeMs': context.get_remaining_time_in_millis(),  # what is left of the timeout, now
        'instanceStartedAt': INSTANCE_STARTED_AT,
        'instanceId': INSTANCE_ID,
    }
