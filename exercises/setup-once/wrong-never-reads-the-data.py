# Wrong: computes its own table instead of reading the reference data it was given, so the setup the
# exercise is about never happens (here the sieve happens to agree with the data; real reference data,
# a price list or a configuration, cannot be recomputed).
def sieve(limit):
    composite = bytearray(limit)
    primes = set()
    for n in range(2, limit):
        if composite[n]:
            continue
        primes.add(n)
        for multiple in range(n * n, limit, n):
            composite[multiple] = 1
    return primes


PRIMES = sieve(100_000)


def lambda_handler(event, context):
    return {'n': event['n'], 'prime': event['n'] in PRIMES}
