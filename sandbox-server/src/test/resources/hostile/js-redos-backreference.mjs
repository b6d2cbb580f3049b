// tries: catastrophic backtracking in a regular expression with a backreference
// expect: Sandbox.Timedout
export const handler = async () => /^(a+)+\1$/.test('a'.repeat(40) + 'b');
