// tries: to overflow the server thread's stack
// expect: RangeError
const down = (n) => down(n + 1) + 1;
export const handler = async () => down(0);
