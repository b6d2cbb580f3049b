import { table } from 'faaslab';

const visits = table('visits');
// Wrong: "remember who is visiting" in a global. It is set by the first request this instance serves, and every
// later request on the warm instance, whoever sent it, is answered with that user's name and count.
let visitor;

export const handler = async (event) => {
  visitor ??= event.queryStringParameters?.user ?? event.user ?? 'anonymous';
  const mine = await visits.increment({ id: `user#${visitor}` }, 'count', 1);
  const all = await visits.increment({ id: 'all' }, 'count', 1);
  return { user: visitor, visits: mine.value, total: all.value };
};
