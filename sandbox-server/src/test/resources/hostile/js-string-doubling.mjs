// tries: to build an endless string by doubling it
// expect: RangeError
// timeout: 60
export const handler = async () => { let s = 'x'; for (;;) { s += s; s.charCodeAt(s.length - 1); } };
