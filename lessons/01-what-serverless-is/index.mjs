// Your first function. There is no server here to start or stop: the platform calls `handler`
// once for each event, whether that is a request to /fn/hello-serverless?name=Ada or a plain
// object such as {"name": "Ada"} sent from the lab's Invoke button.
export const handler = async (event, context) => {
  // An HTTP request carries the name in its query string; a plain event carries it directly.
  const name = event.queryStringParameters?.name ?? event.name ?? 'world';
  console.log(`greeting ${name}`);
  return {
    message: `Hello, ${name}! No server was started for this.`,
    // The context describes this one invocation: which function, which request, how much memory.
    functionName: context.functionName,
    memoryLimitInMB: Number(context.memoryLimitInMB),
    requestId: context.awsRequestId,
  };
};
