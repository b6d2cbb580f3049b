// tries: to starve the event loop with microtasks that schedule themselves
// expect: Sandbox.Timedout
export const handler = () => { const again = () => Promise.resolve().then(again); again(); return new Promise(() => {}); };
