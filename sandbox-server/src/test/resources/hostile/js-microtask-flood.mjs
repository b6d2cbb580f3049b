// tries: to starve the event loop with microtasks that schedule themselves
// expect: Sandbox.Timedout | Runtime.OutOfMemory
// (each promise is resolved with the next, so the chain is kept: whichever limit comes first ends it)
export const handler = () => { const again = () => Promise.resolve().then(again); again(); return new Promise(() => {}); };
