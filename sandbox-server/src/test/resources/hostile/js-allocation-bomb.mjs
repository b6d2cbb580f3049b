// tries: to fill the server's heap one megabyte at a time
// expect: Runtime.OutOfMemory
// timeout: 60
export const handler = async () => { const keep = []; for (;;) keep.push(new Uint8Array(1 << 20)); };
