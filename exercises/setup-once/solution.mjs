import { bucket } from 'faaslab';

// Handles on the buckets are made once, in Init, as Lambda advises for SDK clients.
const REFERENCE = bucket('reference');
const ARCHIVE = bucket('archive');
const SMALL_LIMIT = 10_000;

// Every prime below 10,000, one a line, in primes.txt: most requests need it.
async function loadSmallPrimes() {
  const { body } = await REFERENCE.get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

// The primes from 10,000 to 99,999, a JSON array in the archive: few requests need them.
async function loadLargePrimes() {
  const { body } = await ARCHIVE.get('large-primes.json');
  return new Set(JSON.parse(body));
}

// Loads on the first call and hands every later call the same promise, so the instance keeps what it loaded.
// A load that failed is forgotten, so that the next request tries again.
function lazy(load) {
  let loaded;
  return () => (loaded ??= load().catch((error) => {
    loaded = undefined;
    throw error;
  }));
}

// The Init phase: what every request needs is loaded now, once per instance; the rest only when asked for.
const smallPrimes = await loadSmallPrimes();
const largePrimes = lazy(loadLargePrimes);

export const handler = async (event) => {
  const primes = event.n < SMALL_LIMIT ? smallPrimes : await largePrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
