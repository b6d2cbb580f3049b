const instanceStartedAt = new Date().toISOString();
const instanceId = Math.random().toString(36).slice(2, 10);

export const handler = async (event, context) => ({
  // Wrong: unique, but not the platform's id, so it matches nothing in the logs.
  requestId: `req-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  functionName: context.functionName,
  memoryLimitInMB: Number(context.memoryLimitInMB),
  remainingTimeMs: context.getRemainingTimeInMillis(),
  instanceStartedAt,
  instanceId,
});
