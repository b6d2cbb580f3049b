# Everything outside the handler is the Init phase: it runs once, when an instance is born
# (a cold start). The handler runs once per event, on an instance that already exists.
import time
from datetime import datetime, timezone

# How much work the setup does: one of the lesson's experiments changes it.
SETUP_SIZE = 10_000
# The request's own work (a call to a database, say) keeps the instance busy for a moment, so that requests
# arriving together need an instance each, as they do on Lambda.
WORK_SECONDS = 0.2


# The sieve of Eratosthenes: honest work whose cost grows with `limit`.
def find_primes_below(limit):
    composite = bytearray(limit)
    found = []
    for n in range(2, limit):
        if composite[n]:
            continue
        found.append(n)
        for multiple in range(n * n, limit, n):
            composite[multiple] = 1
    return found


instance_started_at = datetime.now(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')
setup_started = time.monotonic()
primes = find_primes_below(SETUP_SIZE)  # stands in for loading config, a model, a connection ...
setup_ms = round((time.monotonic() - setup_started) * 1000)

# Module-level state. Does it outlast one invocation? The lesson's experiments find out.
invocations = 0


def lambda_handler(event, context):
    global invocations
    invocations += 1
    time.sleep(WORK_SECONDS)
    print('invocation %d on the instance started at %s' % (invocations, instance_started_at))
    return {
        'runtime': 'python',
        'invocations': invocations,  # the module-level counter, after this call added 1
        'instanceStartedAt': instance_started_at,
        'setupMs': setup_ms,
        'primesBelowSetupSize': len(primes),
    }
