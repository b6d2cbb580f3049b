# Wrong: loads the large primes only when a request needs them, as it should, but forgets them afterwards, so
# every such request reads the archive again, even on a warm instance that read it a moment ago.
import json

from faaslab import bucket

ARCHIVE = bucket('archive')


def load_small_primes():
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


SMALL_PRIMES = load_small_primes()


def lambda_handler(event, context):
    n = event['n']
    if n < 10_000:
        return {'n': n, 'prime': n in SMALL_PRIMES}
    return {'n': n, 'prime': n in json.loads(ARCHIVE.get('large-primes.json')['body'])}
