// tries: to change Object.prototype and Array.prototype for other functions
// expect: result "polluted my own context only"
export const handler = async () => {
  Object.prototype.polluted = 'yes';
  Array.prototype.push = () => { throw new Error('pwned'); };
  JSON.parse = () => 'pwned';
  return 'polluted my own context only';
};
