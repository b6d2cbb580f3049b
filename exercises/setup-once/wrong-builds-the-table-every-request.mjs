// Wrong: reads the data once, in Init, as it should, but splits it and builds the table on every request, so
// warm invocations still pay for most of the setup. The platform counts one read per instance; the source
// shows where the table is built.
import { bucket } from 'faaslab';

const { body } = await bucket('reference').get('primes.txt');
const ARCHIVE = bucket('archive');

// The large primes, loaded on the first request that needs them and kept (this part is right).
function lazy(load) {
  let loaded;
  return () => (loaded ??= load());
}
const largePrimes = lazy(async () => new Set(JSON.parse((await ARCHIVE.get('large-primes.json')).body)));

export const handler = async (event) => {
  const primes = event.n < 10_000 ? new Set(body.split('\n').filter((line) => line !== '').map(Number))
    : await largePrimes();
  return { n: event.n, prime: primes.has(event.n) };
};
