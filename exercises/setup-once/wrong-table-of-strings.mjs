// Wrong: reads the data once per instance, as it should, but keeps the lines as text, so the number 7919
// is never found among the strings '7919'.
import { bucket } from 'faaslab';

const { body } = await bucket('reference').get('primes.txt');
const primes = new Set(body.split('\n'));

export const handler = async (event) => ({ n: event.n, prime: primes.has(event.n) });
