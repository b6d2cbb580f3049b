# Wrong: reads the data once per instance, as it should, but keeps the lines as text, so the number 7919
# is never found among the strings '7919'.
from faaslab import bucket

PRIMES = set(bucket('reference').get('primes.txt')['body'].splitlines())


def lambda_handler(event, context):
    return {'n': event['n'], 'prime': event['n'] in PRIMES}
