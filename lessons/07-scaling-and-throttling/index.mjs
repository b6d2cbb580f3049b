// One instance serves one request at a time. While this function waits for its "database" (WORK_MS,
// standing in for a query), its instance is busy, and a request arriving meanwhile needs another
// instance. How many run at once is the request rate times how long each request takes.
const WORK_MS = 500;

const instanceStartedAt = new Date().toISOString();
let served = 0; // this instance's own count: each instance keeps its own

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const handler = async (event) => {
  // A batch from a queue (an event source mapping): save all its orders in one round trip.
  if (event.Records?.[0]?.eventSource === 'aws:sqs') {
    await sleep(WORK_MS);
    served += event.Records.length;
    console.log(`saved ${event.Records.length} orders on the instance started at ${instanceStartedAt}`);
    // Nothing failed: an empty batchItemFailures lets the platform delete the whole batch.
    return { saved: event.Records.length, batchItemFailures: [] };
  }

  await sleep(WORK_MS);
  served += 1;
  const answer = { workMs: WORK_MS, instanceStartedAt, served };
  // An HTTP request (API Gateway's payload 2.0), as the traffic generator sends: status, headers, body.
  if (event.requestContext?.http) {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) };
  }
  return answer; // a direct invocation gets the object itself
};
