import json

from faaslab import bucket

SMALL_LIMIT = 10_000


def load_small_primes():
    """Every prime below 10,000, one a line, in primes.txt of the bucket 'reference': most requests need it.
    Reading it is the expensive part (on Lambda, a request to S3)."""
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


def load_large_primes():
    """The primes from 10,000 to 99,999, a JSON array in large-primes.json of the bucket 'archive': few
    requests need them."""
    return set(json.loads(bucket('archive').get('large-primes.json')['body']))


def lambda_handler(event, context):
    # TODO: this reads the data and builds a table on every request. Pay for each once per instance instead:
    # the small primes in Init, the large ones only on the first request that needs them.
    n = event['n']
    primes = load_small_primes() if n < SMALL_LIMIT else load_large_primes()
    return {'n': n, 'prime': n in primes}
