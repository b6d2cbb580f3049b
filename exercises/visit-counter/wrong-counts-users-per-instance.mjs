import { table } from 'faaslab';

const visits = table('visits');
// Wrong: the total is in the table, but each user's count is kept in this instance's memory, so it counts
// only the visits this instance happened to serve.
const perUser = new Map();

export const handler = async (event) => {
  const user = event.queryStringParameters?.user ?? event.user ?? 'anonymous';
  perUser.set(user, (perUser.get(user) ?? 0) + 1);
  const all = await visits.increment({ id: 'all' }, 'count', 1);
  return { user, visits: perUser.get(user), total: all.value };
};
