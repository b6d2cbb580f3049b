import { table } from 'faaslab';

const visits = table('visits');

// Wrong: read, add one, write back. Two instances that read the same count both write count + 1, and one
// visit is lost; under a burst of 50, many are.
async function addOne(key) {
  const { item } = await visits.get(key);
  const count = (item?.count ?? 0) + 1;
  await visits.put({ ...key, count });
  return count;
}

export const handler = async (event) => {
  const user = event.queryStringParameters?.user ?? event.user ?? 'anonymous';
  const mine = await addOne({ id: `user#${user}` });
  const total = await addOne({ id: 'all' });
  return { user, visits: mine, total };
};
