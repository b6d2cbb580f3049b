// tries: to wait forever on a promise that never settles (with nothing scheduled, Lambda's runtime exits)
// expect: Runtime.ExitError
export const handler = () => new Promise(() => {});
