# tries: to read the host's files
# expect: error
def lambda_handler(event, context):
    with open('/etc/passwd') as f:
        return f.read()
