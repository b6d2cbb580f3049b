# Answer with what the context tells you about this invocation, and with when this instance started.
def lambda_handler(event, context):
    # TODO: add functionName, memoryLimitInMB (a number), remainingTimeMs, instanceStartedAt and instanceId.
    # Which of them belong outside the handler, in the Init phase?
    return {
        'requestId': context.aws_request_id,
    }
