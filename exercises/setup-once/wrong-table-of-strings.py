# Wrong: reads the data once per instance, as it should, but keeps the lines as text, so the number 7919
# is never found among the strings '7919'.
import functools
import json

from faaslab import bucket

SMALL_PRIMES = set(bucket('reference').get('primes.txt')['body'].splitlines())
ARCHIVE = bucket('archive')


@functools.cache
def large_primes():
    """The large primes, loaded on the first request that needs them and kept (this part is right)."""
    return frozenset(json.loads(ARCHIVE.get('large-primes.json')['body']))


def lambda_handler(event, context):
    n = event['n']
    primes = SMALL_PRIMES if n < 10_000 else large_primes()
    return {'n': n, 'prime': n in primes}
