// tries: to end the server's process as Node would (FaaS Lab answers as Lambda does: the invocation fails)
// expect: Runtime.ExitError
export const handler = async () => process.exit(1);
