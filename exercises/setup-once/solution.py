LIMIT = 10_000


def build_primes(limit):
    """The sieve of Eratosthenes: every prime below `limit`, as a set."""
    print('SETUP building the table of primes below %d' % limit)
    composite = bytearray(limit)
    primes = set()
    for n in range(2, limit):
        if composite[n]:
            continue
        primes.add(n)
        for multiple in range(n * n, limit, n):
            composite[multiple] = 1
    return primes


# The Init phase: runs once, when an instance starts; warm invocations reuse the table.
PRIMES = build_primes(LIMIT)


def lambda_handler(event, context):
    return {'n': event['n'], 'prime': event['n'] in PRIMES}
