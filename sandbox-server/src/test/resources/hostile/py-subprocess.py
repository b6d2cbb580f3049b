# tries: to start a process on the host
# expect: error
import subprocess
def lambda_handler(event, context):
    return subprocess.run(['id'], capture_output=True).stdout.decode()
