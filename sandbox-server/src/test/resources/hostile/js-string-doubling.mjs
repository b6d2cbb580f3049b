// tries: to build an endless string by doubling it
// expect: RangeError | Runtime.OutOfMemory
// (the language refuses a string past its length limit, unless the memory limit stops it first)
// timeout: 60
export const handler = async () => { let s = 'x'; for (;;) { s += s; s.charCodeAt(s.length - 1); } };
