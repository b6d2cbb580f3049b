// Counts visits, per user and in all. It works when you try it alone, one instance at a time...
let total = 0;
const perUser = {};

const userOf = (event) => event.queryStringParameters?.user ?? event.user ?? 'anonymous';

export const handler = async (event) => {
  const user = userOf(event);
  // TODO: these counts live in this instance's memory. Keep them in the table 'visits' (key: {id}) instead,
  // where every instance sees the same count, with table('visits').increment(key, 'count', 1).
  total += 1;
  perUser[user] = (perUser[user] ?? 0) + 1;
  return { user, visits: perUser[user], total };
};
