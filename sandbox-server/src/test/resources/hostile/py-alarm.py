# tries: to have the JVM killed a second later by an alarm signal
# expect: PermissionError
import signal
def lambda_handler(event, context):
    signal.alarm(1)
    return 'armed'
