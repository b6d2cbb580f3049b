import { table } from 'faaslab';

// The table handle is made once, in Init, as an SDK client is on Lambda. It holds no visit: every count lives
// in the table, where every instance reads and writes the same item.
const visits = table('visits');

// The user's name: from the query string of an HTTP request (/fn/visit-counter?user=ada), or a plain event.
const userOf = (event) => event.queryStringParameters?.user ?? event.user ?? 'anonymous';

export const handler = async (event) => {
  const user = userOf(event); // read from this event, never kept in a global: the next request may be another's
  // increment adds atomically in the table, so visits from 50 instances at once are all counted. A get then a
  // put would lose the visits that land between the two.
  const mine = await visits.increment({ id: `user#${user}` }, 'count', 1);
  const all = await visits.increment({ id: 'all' }, 'count', 1);
  return { user, visits: mine.value, total: all.value };
};
