// Everything outside the handler is the Init phase: it runs once, when an instance is born
// (a cold start). The handler runs once per event, on an instance that already exists.

// How much work the setup does: one of the lesson's experiments changes it.
const SETUP_SIZE = 10_000;
// The request's own work (a call to a database, say) keeps the instance busy for a moment, so that requests
// arriving together need an instance each, as they do on Lambda.
const WORK_MS = 200;

const instanceStartedAt = new Date().toISOString();
const setupStarted = Date.now();
const primes = findPrimesBelow(SETUP_SIZE); // stands in for loading config, a model, a connection ...
const setupMs = Date.now() - setupStarted;

// Module-level state. Does it outlast one invocation? The lesson's experiments find out.
let invocations = 0;

export const handler = async (event, context) => {
  invocations += 1;
  await new Promise((resolve) => setTimeout(resolve, WORK_MS));
  console.log(`invocation ${invocations} on the instance started at ${instanceStartedAt}`);
  return {
    runtime: 'nodejs',
    invocations, // the module-level counter, after this call added 1
    instanceStartedAt,
    setupMs,
    primesBelowSetupSize: primes.length,
  };
};

// The sieve of Eratosthenes: honest work whose cost grows with `limit`.
function findPrimesBelow(limit) {
  const composite = new Uint8Array(limit);
  const found = [];
  for (let n = 2; n < limit; n++) {
    if (composite[n]) continue;
    found.push(n);
    for (let multiple = n * n; multiple < limit; multiple += n) composite[multiple] = 1;
  }
  return found;
}
