# tries: to kill the process it runs in with SIGKILL
# expect: PermissionError
import os
def lambda_handler(event, context):
    os.kill(os.getpid(), 9)
