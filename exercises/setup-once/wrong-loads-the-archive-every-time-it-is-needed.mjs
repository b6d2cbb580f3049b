// Wrong: loads the large primes only when a request needs them, as it should, but forgets them afterwards, so
// every such request reads the archive again, even on a warm instance that read it a moment ago.
import { bucket } from 'faaslab';

async function loadSmallPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

const ARCHIVE = bucket('archive');
const smallPrimes = await loadSmallPrimes();

export const handler = async (event) => {
  if (event.n < 10_000) return { n: event.n, prime: smallPrimes.has(event.n) };
  const { body } = await ARCHIVE.get('large-primes.json');
  return { n: event.n, prime: JSON.parse(body).includes(event.n) };
};
