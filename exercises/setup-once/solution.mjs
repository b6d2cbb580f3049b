import { bucket } from 'faaslab';

// The table of primes is built from reference data: every prime below 10,000, one a line, in the object
// primes.txt of the bucket 'reference'. Reading it is the expensive part (on Lambda, a request to S3).
async function loadPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

// The Init phase: runs once, when an instance starts; warm invocations reuse the table.
const primes = await loadPrimes();

export const handler = async (event) => ({ n: event.n, prime: primes.has(event.n) });
