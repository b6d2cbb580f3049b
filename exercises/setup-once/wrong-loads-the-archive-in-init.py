# Wrong: loads both tables in Init, so every cold start pays for the large primes although few requests need
# them. Every instance reads the archive before any request asks about a number above 10,000.
import json

from faaslab import bucket


def load_small_primes():
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


def load_large_primes():
    return set(json.loads(bucket('archive').get('large-primes.json')['body']))


SMALL_PRIMES = load_small_primes()
LARGE_PRIMES = load_large_primes()  # "while we are at it"


def lambda_handler(event, context):
    n = event['n']
    primes = SMALL_PRIMES if n < 10_000 else LARGE_PRIMES
    return {'n': n, 'prime': n in primes}
