# tries: to hold a core forever, catching everything
# expect: Sandbox.Timedout
def lambda_handler(event, context):
    while True:
        try:
            pass
        except BaseException:
            pass
