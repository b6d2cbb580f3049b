# Wrong: logs SETUP once, at the top level, as the old grader counted, but still reads the data and builds
# the table on every request. The platform counts the reads, not the log lines.
from faaslab import bucket


def load_primes():
    body = bucket('reference').get('primes.txt')['body']
    return {int(line) for line in body.splitlines() if line}


print('SETUP building the table of primes below 10000')


def lambda_handler(event, context):
    primes = load_primes()
    return {'n': event['n'], 'prime': event['n'] in primes}
