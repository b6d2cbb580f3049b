// tries: to reach the JVM through GraalVM's Java interop and stop it
// expect: ReferenceError
export const handler = async () => Java.type('java.lang.System').exit(0);
