import { bucket } from 'faaslab';

// The table of primes is built from reference data: every prime below 10,000, one a line, in the object
// primes.txt of the bucket 'reference'. Reading it is the expensive part (on Lambda, a request to S3).
async function loadPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

export const handler = async (event) => {
  // TODO: this reads the data and builds the table on every request. Do it once per instance instead.
  const primes = await loadPrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
