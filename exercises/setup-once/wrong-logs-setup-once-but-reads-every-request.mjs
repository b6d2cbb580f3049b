// Wrong: logs SETUP once, at the top level, as the old grader counted, but still reads the data and builds
// the table on every request. The platform counts the reads, not the log lines.
import { bucket } from 'faaslab';

async function loadPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

console.log('SETUP building the table of primes below 10000');

export const handler = async (event) => {
  const primes = await loadPrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
