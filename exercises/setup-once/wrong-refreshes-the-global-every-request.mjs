// Wrong: the table is a global, built at the top level, but the handler builds it again on every request,
// so warm invocations pay for the setup as cold ones do.
import { bucket } from 'faaslab';

async function loadSmallPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

let smallPrimes = await loadSmallPrimes();
const ARCHIVE = bucket('archive');

// The large primes, loaded on the first request that needs them and kept (this part is right).
function lazy(load) {
  let loaded;
  return () => (loaded ??= load());
}
const largePrimes = lazy(async () => new Set(JSON.parse((await ARCHIVE.get('large-primes.json')).body)));

export const handler = async (event) => {
  smallPrimes = await loadSmallPrimes(); // "to be sure it is fresh"
  const primes = event.n < 10_000 ? smallPrimes : await largePrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
