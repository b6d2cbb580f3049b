# tries: to overflow the server thread's stack
# expect: RecursionError
# timeout: 60
def down(n):
    return down(n + 1) + 1
def lambda_handler(event, context):
    return down(0)
