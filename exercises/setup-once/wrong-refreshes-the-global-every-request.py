# Wrong: the table is a global, built at the top level, but the handler builds it again on every request,
# so warm invocations pay for the setup as cold ones do.
import functools
import json

from faaslab import bucket


def load_small_primes():
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


SMALL_PRIMES = load_small_primes()
ARCHIVE = bucket('archive')


@functools.cache
def large_primes():
    """The large primes, loaded on the first request that needs them and kept (this part is right)."""
    return frozenset(json.loads(ARCHIVE.get('large-primes.json')['body']))


def lambda_handler(event, context):
    global SMALL_PRIMES
    SMALL_PRIMES = load_small_primes()  # "to be sure it is fresh"
    n = event['n']
    primes = SMALL_PRIMES if n < 10_000 else large_primes()
    return {'n': n, 'prime': n in primes}
