// Init: the module's top level runs once, when the platform starts an instance. Whatever is set here is the
// instance's own, and every invocation the instance serves sees the same value.
const instanceStartedAt = new Date().toISOString();
const instanceId = Math.random().toString(36).slice(2, 10); // a name for this instance, made once

// Invoke: runs once per event. The context describes this one invocation, as the platform sees it.
export const handler = async (event, context) => ({
  requestId: context.awsRequestId,                     // the platform's id for this invocation
  functionName: context.functionName,                  // the name it was deployed under
  memoryLimitInMB: Number(context.memoryLimitInMB),    // the context gives it as text
  remainingTimeMs: context.getRemainingTimeInMillis(), // what is left of the timeout, now
  instanceStartedAt,
  instanceId,
});
