// tries: to outlive its timeout by recursing from the stack overflows that cancelling causes
// expect: Sandbox.Timedout
const f = (n) => { try { return f(n + 1) + 1; } catch (e) { return f(n + 1); } };
export const handler = async () => f(0);
