// Wrong: the counts live in one instance's memory. Under a burst each instance counts only its own visits,
// and a new instance starts again from 0.
let total = 0;
const perUser = {};

export const handler = async (event) => {
  const user = event.queryStringParameters?.user ?? event.user ?? 'anonymous';
  total += 1;
  perUser[user] = (perUser[user] ?? 0) + 1;
  return { user, visits: perUser[user], total };
};
