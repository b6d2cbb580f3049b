const LIMIT = 10_000;

// The sieve of Eratosthenes: every prime below `limit`, as a Set.
function buildPrimes(limit) {
  console.log(`SETUP building the table of primes below ${limit}`);
  const composite = new Uint8Array(limit);
  const primes = new Set();
  for (let n = 2; n < limit; n++) {
    if (composite[n]) continue;
    primes.add(n);
    for (let multiple = n * n; multiple < limit; multiple += n) composite[multiple] = 1;
  }
  return primes;
}

export const handler = async (event) => {
  // TODO: this runs on every request. Build the table once per instance instead.
  const primes = buildPrimes(LIMIT);
  return { n: event.n, prime: primes.has(event.n) };
};
