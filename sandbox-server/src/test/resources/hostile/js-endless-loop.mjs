// tries: to hold a core forever with a loop that never ends
// expect: Sandbox.Timedout
export const handler = async () => { for (;;) {} };
