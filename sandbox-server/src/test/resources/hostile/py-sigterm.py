# tries: to stop the server by sending its process SIGTERM
# expect: PermissionError
import signal
def lambda_handler(event, context):
    signal.raise_signal(signal.SIGTERM)
