// tries: to grow past its memory size across warm invocations, 100 MB at a time
// invocations: 3
// expect: Runtime.OutOfMemory
// timeout: 60
const keep = [];
export const handler = async () => { keep.push(new Uint8Array(100 * 2 ** 20)); return keep.length; };
