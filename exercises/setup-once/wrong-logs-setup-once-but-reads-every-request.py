# Wrong: logs SETUP once, at the top level, as the old grader counted, but still reads the data and builds
# the table on every request. The platform counts the reads, not the log lines.
import functools
import json

from faaslab import bucket


def load_small_primes():
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


ARCHIVE = bucket('archive')


@functools.cache
def large_primes():
    """The large primes, loaded on the first request that needs them and kept (this part is right)."""
    return frozenset(json.loads(ARCHIVE.get('large-primes.json')['body']))


print('SETUP building the table of primes below 10000')


def lambda_handler(event, context):
    n = event['n']
    primes = load_small_primes() if n < 10_000 else large_primes()
    return {'n': n, 'prime': n in primes}
