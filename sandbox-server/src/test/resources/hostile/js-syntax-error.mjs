// tries: to deploy code that does not parse
// expect: refused SyntaxError
export const handler = async () => {
