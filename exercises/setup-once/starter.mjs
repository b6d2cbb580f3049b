import { bucket } from 'faaslab';

const SMALL_LIMIT = 10_000;

// Every prime below 10,000, one a line, in primes.txt of the bucket 'reference': most requests need it.
// Reading it is the expensive part (on Lambda, a request to S3).
async function loadSmallPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

// The primes from 10,000 to 99,999, a JSON array in large-primes.json of the bucket 'archive': few requests need
// them.
async function loadLargePrimes() {
  const { body } = await bucket('archive').get('large-primes.json');
  return new Set(JSON.parse(body));
}

export const handler = async (event) => {
  // TODO: this reads the data and builds a table on every request. Pay for each once per instance instead:
  // the small primes in Init, the large ones only on the first request that needs them.
  const primes = event.n < SMALL_LIMIT ? await loadSmallPrimes() : await loadLargePrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
