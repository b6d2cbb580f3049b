// Wrong: reads the data once, in Init, as it should, but splits it and builds the table on every request, so
// warm invocations still pay for most of the setup. The platform counts one read per instance; the source
// shows where the table is built.
import { bucket } from 'faaslab';

const { body } = await bucket('reference').get('primes.txt');

export const handler = async (event) => {
  const primes = new Set(body.split('\n').filter((line) => line !== '').map(Number));
  return { n: event.n, prime: primes.has(event.n) };
};
