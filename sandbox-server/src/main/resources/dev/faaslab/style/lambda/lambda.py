# Lambda's handler contract for Python, on FaaS Lab's shared bootstrap core (runtime/bootstrap.py):
# handler(event, context), Lambda's context object, and JSON in and out. `core` is what the bootstrap
# shares with every style; the function returned is the runtime's invoke, which answers 'R' and the
# result's JSON, or 'E' and the error's.


def faaslab_style(core):
    import json
    # Bound once here: an invocation then reads closure variables, as the bootstrap's own code does.
    config = core.config
    host_now = core.host_now
    error = core.error
    exited = core.exited
    capture_logging = core.capture_logging
    state = core.state

    class LambdaContext:
        def __init__(self, request_id, deadline_ms, attempt):
            self.aws_request_id = request_id
            # A FaaS Lab addition: which delivery of an asynchronous event this is (1, 2, 3).
            self.attempt = attempt
            self.function_name = config['functionName']
            self.function_version = config['functionVersion']
            self.invoked_function_arn = config['invokedFunctionArn']
            self.memory_limit_in_mb = str(config['memoryLimitInMB'])
            self.log_group_name = config['logGroupName']
            self.log_stream_name = config['logStreamName']
            self.identity = None
            self.client_context = None
            self._deadline_ms = deadline_ms

        def get_remaining_time_in_millis(self):
            return max(0, int(self._deadline_ms - host_now()))

        def __repr__(self):
            return ('LambdaContext([aws_request_id=%s,function_name=%s,function_version=%s,'
                    'invoked_function_arn=%s,memory_limit_in_mb=%s])' % (
                        self.aws_request_id, self.function_name, self.function_version,
                        self.invoked_function_arn, self.memory_limit_in_mb))

    def invoke(event_json, request_id, deadline_ms, attempt):
        capture_logging()
        try:
            result = state['handler'](json.loads(event_json), LambdaContext(request_id, deadline_ms, attempt))
        except SystemExit as e:
            return 'E' + error('FUNCTION', 'Runtime.ExitError', exited(e, 'in the handler'), e)
        except BaseException as e:
            return 'E' + error('FUNCTION', type(e).__name__, str(e), e)
        try:
            return 'R' + json.dumps(result)
        except (TypeError, ValueError) as e:
            return 'E' + error('FUNCTION', 'Runtime.MarshalError', 'Unable to marshal response: %s' % e, None,
                               'Return only JSON values: dict, list, str, int, float, bool or None.')

    return invoke
