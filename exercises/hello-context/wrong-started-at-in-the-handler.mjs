const instanceId = Math.random().toString(36).slice(2, 10);

export const handler = async (event, context) => ({
  requestId: context.awsRequestId,
  functionName: context.functionName,
  memoryLimitInMB: Number(context.memoryLimitInMB),
  remainingTimeMs: context.getRemainingTimeInMillis(),
  // Wrong: this is when the request started, not the instance; every call gives another time.
  instanceStartedAt: new Date().toISOString(),
  instanceId,
});
