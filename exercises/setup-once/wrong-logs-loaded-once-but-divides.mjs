// Wrong: logs that it loaded the archive once, but never reads it: it tries divisors instead. The answers are
// right, yet the dependency the exercise is about is never loaded, and the platform counts reads, not log lines.
import { bucket } from 'faaslab';

async function loadSmallPrimes() {
  const { body } = await bucket('reference').get('primes.txt');
  return new Set(body.split('\n').filter((line) => line !== '').map(Number));
}

const smallPrimes = await loadSmallPrimes();
let announced = false;

function dividesEvenly(n) {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return true;
  return false;
}

export const handler = async (event) => {
  if (event.n < 10_000) return { n: event.n, prime: smallPrimes.has(event.n) };
  if (!announced) {
    console.log('loaded large-primes.json once on this instance');
    announced = true;
  }
  return { n: event.n, prime: !dividesEvenly(event.n) };
};
