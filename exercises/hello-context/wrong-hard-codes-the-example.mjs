const instanceStartedAt = new Date().toISOString();
const instanceId = Math.random().toString(36).slice(2, 10);

// Wrong: the values the lab showed once, typed in. They fit the lesson's function, not this deployment.
export const handler = async (event, context) => ({
  requestId: context.awsRequestId,
  functionName: 'hello-context',
  memoryLimitInMB: 128,
  remainingTimeMs: 3000,
  instanceStartedAt,
  instanceId,
});
