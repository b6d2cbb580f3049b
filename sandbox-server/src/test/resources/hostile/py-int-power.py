# tries: to outlive its timeout inside one int operation, where no cancel reaches
# expect: Sandbox.Timedout
def lambda_handler(event, context):
    return (7 ** (10 ** 8)) % 10
