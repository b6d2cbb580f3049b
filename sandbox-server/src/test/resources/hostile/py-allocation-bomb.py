# tries: to fill the server's heap one megabyte at a time
# expect: Runtime.OutOfMemory
# timeout: 60
def lambda_handler(event, context):
    keep = []
    while True:
        keep.append(bytearray(1 << 20))
