// tries: to evaluate code in another language, or load a host file
// expect: ReferenceError
export const handler = async () => Polyglot.eval('python', 'import os; os._exit(1)');
