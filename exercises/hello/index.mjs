// A first function: Lambda calls `handler` with the event and a context object.
// Code outside the handler runs once per instance, at its cold start.
const startedAt = new Date().toISOString();

export const handler = async (event, context) => {
  console.log('invoked with', event);
  return {
    message: `Hello, ${event.name ?? 'world'}!`,
    instanceStartedAt: startedAt,
    requestId: context.awsRequestId,
  };
};
