// Wrong: logs SETUP once, at the top level, as the old grader counted, but still reads the data and builds
// the table on every request. The platform counts the reads, not the log lines.
import { bucket } from 'faaslab';

async function loadSmallPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

const ARCHIVE = bucket('archive');

// The large primes, loaded on the first request that needs them and kept (this part is right).
function lazy(load) {
  let loaded;
  return () => (loaded ??= load());
}
const largePrimes = lazy(async () => new Set(JSON.parse((await ARCHIVE.get('large-primes.json')).body)));

console.log('SETUP building the table of primes below 10000');

export const handler = async (event) => {
  const primes = event.n < 10_000 ? await loadSmallPrimes() : await largePrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
