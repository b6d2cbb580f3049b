// tries: to outlive its timeout inside one BigInt operation, where no cancel reaches
// expect: Sandbox.Timedout
export const handler = async () => String((7n ** 100000000n) % 10n);
