// Your first function. There is no server here for you to start or stop: the platform calls `handler` once
// for each event, whether that is a request to /fn/hello-serverless?name=Ada or a plain object such as
// {"name": "Ada"} sent from the lab's Invoke button.
export const handler = async (event, context) => {
  // The event is what happened. An HTTP request carries the name in its query string; a plain event directly.
  const name = event.queryStringParameters?.name ?? event.name ?? 'world';
  console.log(`greeting ${name}`);
  // The result: whatever the handler returns. Through the HTTP trigger, an object becomes a 200 JSON body.
  return {
    message: `Hello, ${name}!`,
    // The context is the platform's facts about this one invocation.
    functionName: context.functionName,
    memoryLimitInMB: Number(context.memoryLimitInMB), // the context gives it as text
    requestId: context.awsRequestId,                  // the same id as in the REPORT line
    remainingTimeMs: context.getRemainingTimeInMillis(), // what is left of the timeout
  };
};
