// tries: to keep 1 GB in a 128 MB function with a single allocation
// expect: Runtime.OutOfMemory
// timeout: 60
const keep = [];
export const handler = async () => { keep.push(new Uint8Array(2 ** 30)); return keep.length; };
