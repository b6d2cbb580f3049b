// Wrong: computes its own table instead of reading the reference data it was given, so the setup the
// exercise is about never happens (here the sieve happens to agree with the data; real reference data,
// a price list or a configuration, cannot be recomputed).
function sieve(limit) {
  const composite = new Uint8Array(limit);
  const primes = new Set();
  for (let n = 2; n < limit; n++) {
    if (composite[n]) continue;
    primes.add(n);
    for (let multiple = n * n; multiple < limit; multiple += n) composite[multiple] = 1;
  }
  return primes;
}

const primes = sieve(100_000);

export const handler = async (event) => ({ n: event.n, prime: primes.has(event.n) });
