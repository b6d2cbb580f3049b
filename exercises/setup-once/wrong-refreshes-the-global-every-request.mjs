// Wrong: the table is a global, built at the top level, but the handler builds it again on every request,
// so warm invocations pay for the setup as cold ones do.
import { bucket } from 'faaslab';

async function loadPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

let primes = await loadPrimes();

export const handler = async (event) => {
  primes = await loadPrimes(); // "to be sure it is fresh"
  return { n: event.n, prime: primes.has(event.n) };
};
