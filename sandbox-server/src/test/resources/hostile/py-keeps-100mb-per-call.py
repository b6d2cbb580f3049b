# tries: to grow past its memory size across warm invocations, 100 MB at a time
# invocations: 3
# expect: Runtime.OutOfMemory
# timeout: 60
keep = []
def lambda_handler(event, context):
    keep.append(bytearray(100 * 2 ** 20))
    return len(keep)
