# Wrong: logs that it loaded the archive once, but never reads it: it tries divisors instead. The answers are
# right, yet the dependency the exercise is about is never loaded, and the platform counts reads, not log lines.
from faaslab import bucket


def load_small_primes():
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


SMALL_PRIMES = load_small_primes()
ANNOUNCED = []


def divides_evenly(n):
    return any(n % d == 0 for d in range(2, int(n ** 0.5) + 1))


def lambda_handler(event, context):
    n = event['n']
    if n < 10_000:
        return {'n': n, 'prime': n in SMALL_PRIMES}
    if not ANNOUNCED:
        print('loaded large-primes.json once on this instance')
        ANNOUNCED.append(True)
    return {'n': n, 'prime': not divides_evenly(n)}
