// Wrong: reads the data once per instance, as it should, but keeps the lines as text, so the number 7919
// is never found among the strings '7919'.
import { bucket } from 'faaslab';

const { body } = await bucket('reference').get('primes.txt');
const smallPrimes = new Set(body.split('\n'));
const ARCHIVE = bucket('archive');

// The large primes, loaded on the first request that needs them and kept (this part is right).
function lazy(load) {
  let loaded;
  return () => (loaded ??= load());
}
const largePrimes = lazy(async () => new Set(JSON.parse((await ARCHIVE.get('large-primes.json')).body)));

export const handler = async (event) => {
  const primes = event.n < 10_000 ? smallPrimes : await largePrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
