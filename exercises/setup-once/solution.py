import functools
import json

from faaslab import bucket

# Handles on the buckets are made once, in Init, as Lambda advises for SDK clients.
REFERENCE = bucket('reference')
ARCHIVE = bucket('archive')
SMALL_LIMIT = 10_000


def load_small_primes():
    """Every prime below 10,000, one a line, in primes.txt: most requests need it."""
    body = REFERENCE.get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


@functools.cache
def large_primes():
    """The primes from 10,000 to 99,999, a JSON array in the archive: few requests need them. functools.cache
    loads them on the first call and hands every later call the same set, so the instance keeps what it loaded
    (a load that raised is not kept: the next request tries again)."""
    return frozenset(json.loads(ARCHIVE.get('large-primes.json')['body']))


# The Init phase: what every request needs is loaded now, once per instance; the rest only when asked for.
SMALL_PRIMES = load_small_primes()


def lambda_handler(event, context):
    n = event['n']
    primes = SMALL_PRIMES if n < SMALL_LIMIT else large_primes()
    return {'n': n, 'prime': n in primes}
