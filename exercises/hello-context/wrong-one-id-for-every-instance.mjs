// Wrong: fixed when the code was written, so every instance says the same; the platform started several.
const instanceStartedAt = '2026-12-01T09:00:00.000Z';
const instanceId = 'instance-1';

export const handler = async (event, context) => ({
  requestId: context.awsRequestId,
  functionName: context.functionName,
  memoryLimitInMB: Number(context.memoryLimitInMB),
  remainingTimeMs: context.getRemainingTimeInMillis(),
  instanceStartedAt,
  instanceId,
});
