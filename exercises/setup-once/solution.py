from faaslab import bucket


def load_primes():
    """The table of primes, built from reference data: every prime below 10,000, one a line, in the object
    primes.txt of the bucket 'reference'. Reading it is the expensive part (on Lambda, a request to S3)."""
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


# The Init phase: runs once, when an instance starts; warm invocations reuse the table.
PRIMES = load_primes()


def lambda_handler(event, context):
    return {'n': event['n'], 'prime': event['n'] in PRIMES}
