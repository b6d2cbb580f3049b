from faaslab import bucket


def load_primes():
    """The table of primes, built from reference data: every prime below 10,000, one a line, in the object
    primes.txt of the bucket 'reference'. Reading it is the expensive part (on Lambda, a request to S3)."""
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


def lambda_handler(event, context):
    # TODO: this reads the data and builds the table on every request. Do it once per instance instead.
    primes = load_primes()
    return {'n': event['n'], 'prime': event['n'] in primes}
