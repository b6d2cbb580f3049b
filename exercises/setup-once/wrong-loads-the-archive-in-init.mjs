// Wrong: loads both tables in Init, so every cold start pays for the large primes although few requests need
// them. Every instance reads the archive before any request asks about a number above 10,000.
import { bucket } from 'faaslab';

async function loadSmallPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

async function loadLargePrimes() {
  const { body } = await bucket('archive').get('large-primes.json');
  return new Set(JSON.parse(body));
}

const smallPrimes = await loadSmallPrimes();
const largePrimes = await loadLargePrimes(); // "while we are at it"

export const handler = async (event) => {
  const primes = event.n < 10_000 ? smallPrimes : largePrimes;
  return { n: event.n, prime: primes.has(event.n) };
};
