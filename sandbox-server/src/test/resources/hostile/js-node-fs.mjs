// tries: to read the host's files through Node's fs module
// expect: Runtime.ImportModuleError
import { readFileSync } from 'fs';
export const handler = async () => readFileSync('/etc/passwd', 'utf8');
