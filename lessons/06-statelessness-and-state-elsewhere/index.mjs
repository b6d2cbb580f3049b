import { table } from 'faaslab';

// Two counters of the same visits. One lives in this instance's memory; the other in the table `visits`,
// which every instance of the function reads and writes (make it with the lesson's link first).
const visits = table('visits');
let instanceCount = 0;   // a global: this instance's own, gone when the instance is
let lastVisitor = null;  // a global too, and a mistake: it outlives the request that set it

export const handler = async (event) => {
  // An HTTP request (/fn/state-elsewhere?name=Ada) or a plain event ({"name": "Ada"}); the traffic
  // generator's requests carry no name.
  const name = event.queryStringParameters?.name ?? event.name ?? 'anonymous';

  instanceCount += 1; // counts only the requests this instance served

  let tableCount = null;
  try {
    // An atomic increment: the table adds 1 and answers the new count, whichever instance asks.
    ({ value: tableCount } = await visits.increment({ id: 'all' }, 'count', 1));
  } catch (error) {
    if (error.name !== 'ResourceNotFoundException') throw error;
    return { name, instanceCount, note: 'The table visits does not exist yet: follow the lesson’s link that makes it.' };
  }

  // The previous visitor of this instance, whoever that was: another user's data in your answer.
  const previousVisitor = lastVisitor;
  lastVisitor = name;
  return { name, instanceCount, tableCount, previousVisitor };
};
