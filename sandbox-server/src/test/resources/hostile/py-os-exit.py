# tries: to end the server's process with os._exit
# expect: Runtime.ExitError
import os
def lambda_handler(event, context):
    os._exit(1)
