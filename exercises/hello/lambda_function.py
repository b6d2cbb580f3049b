# A first function: Lambda calls `lambda_handler` with the event and a context object.
# Code outside the handler runs once per instance, at its cold start.
from datetime import datetime, timezone

started_at = datetime.now(timezone.utc).isoformat()


def lambda_handler(event, context):
    print('invoked with', event)
    return {
        'message': 'Hello, %s!' % event.get('name', 'world'),
        'instanceStartedAt': started_at,
        'requestId': context.aws_request_id,
    }
