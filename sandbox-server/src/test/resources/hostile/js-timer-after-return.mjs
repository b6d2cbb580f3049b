// tries: to keep running after its response, from a timer
// expect: result "returned"
export const handler = async () => { setTimeout(() => { for (;;) {} }, 1); return 'returned'; };
