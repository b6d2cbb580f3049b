package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learners' code is hostile until proven otherwise. Each attempt below is a way out of the sandbox in
 * some JavaScript or Python host; here every one must fail, as an error of that invocation only.
 */
@DisplayName("An attempt to escape the sandbox")
class EscapeTest {

    private static final Path CANARY = Path.of(System.getProperty("java.io.tmpdir"), "faaslab-escape-canary");

    @ParameterizedTest(name = "JavaScript: {0}")
    @ValueSource(strings = {
            "Java.type('java.lang.Runtime').getRuntime().exec('touch " + "/tmp/faaslab-escape-canary')",
            "Polyglot.eval('python', 'import os')",
            "Polyglot.import('anything')",
            "load('/etc/passwd')",
            "process.binding('fs')",
            "process.exit(1)",
            "globalThis.Graal.versionGraalVM.toString()",
            "(await import('fs')).readFileSync('/etc/passwd')",
            "(await import('child_process')).execSync('touch /tmp/faaslab-escape-canary')",
            "new Function('return Java')().type('java.lang.System')",
            "eval('Java.type(\"java.io.File\")')",
            "(await import('/etc/passwd'))",
            "(await import('../../../etc/passwd'))",
            "(await import('file:///etc/passwd'))",
            "(await import('./faaslab/../../etc/passwd'))",
            "hostSdk('{}')",
            "(await import('faaslab')).table('t').get({ id: 'a' }).getClass()",
            "globalThis[Symbol.for('faaslab.sdk')]().table.getClass().forName('java.lang.Runtime')",
            "(await import('faaslab')).default.table('t').constructor.constructor('return Java')().type('java.lang.System')",
            // Node's core modules: only the library's own packages, by their names, and nothing of the class path.
            "(await import('whatwg-url'))",
            "(await import('node:../../etc/passwd'))",
            "(await import('node:crypto/../../../etc/passwd'))",
            "globalThis[Symbol.for('faaslab.require')]('npm:events/events.js')",
            "globalThis[Symbol.for('faaslab.require')]('buffer/index.js')",
            "globalThis[Symbol.for('faaslab.require')]('../../../../etc/passwd')",
            "(await fetch('http://169.254.169.254/latest/meta-data/')).text()",
            "(await fetch('file:///etc/passwd')).text()",
    })
    void failsInJavaScript(String attempt) {
        InvocationResult result = invokeOnce("index.mjs",
                "export const handler = async () => { return String(" + attempt + "); };", "{}");
        assertFalse(result.succeeded(), "must not succeed: " + attempt);
        assertFalse(Files.exists(CANARY), "no command ran");
    }

    @ParameterizedTest(name = "JavaScript (CommonJS): {0}")
    @ValueSource(strings = {
            "require('fs').readFileSync('/etc/passwd', 'utf8')",
            "require('node:fs').readFileSync('/etc/passwd', 'utf8')",
            "require('child_process').execSync('touch /tmp/faaslab-escape-canary')",
            "require('os').homedir()",
            "require('net').connect(80, 'example.com')",
    })
    void failsThroughRequire(String attempt) {
        InvocationResult result = invokeOnce("index.js",
                "exports.handler = async () => { return String(" + attempt + "); };", "{}");
        assertFalse(result.succeeded(), "must not succeed: " + attempt);
        assertTrue(result.error().errorMessage().contains("FaaS Lab"), "and says why: " + result.error().errorMessage());
    }

    @Test
    @DisplayName("through a static import of a Node system module fails at init")
    void failsThroughAStaticImport() {
        FunctionError error = invokeOnce("index.mjs",
                "import { readFileSync } from 'fs';\nexport const handler = async () => readFileSync('/etc/passwd', 'utf8');", "{}").error();
        assertNotNull(error);
        assertEquals(ErrorKind.INIT, error.kind());
        assertEquals("Runtime.ImportModuleError", error.errorType());
    }

    @Test
    @DisplayName("through the SDK's host function, found by walking closures in Python, reaches only a function of text")
    void sdkDoorIsAFunctionOfText() {
        InvocationResult result = invokeOnce("lambda_function.py", """
                import faaslab

                def doors(function, seen):
                    for cell in getattr(function, '__closure__', None) or ():
                        value = cell.cell_contents
                        if id(value) in seen:
                            continue
                        seen.add(id(value))
                        if callable(value) and not hasattr(value, '__code__') and not isinstance(value, type):
                            yield value
                        yield from doors(value, seen)

                def lambda_handler(event, context):
                    found = list(doors(faaslab.Table.get, set()))
                    tried = []
                    for door in found:
                        for attempt in (lambda: door.getClass(), lambda: door.__class__.__mro__[-1].__subclasses__()[0].getClass(),
                                        lambda: door(42)):
                            try:
                                tried.append(repr(attempt())[:40])
                            except Exception as e:
                                tried.append(type(e).__name__)
                    return [len(found), tried]
                """, "{}");
        String json = TestRuntime.json(result);
        assertFalse(json.toLowerCase(java.util.Locale.ROOT).contains("java.lang"), "nothing of the host's: " + json);
        assertTrue(json.startsWith("[1, [\"AttributeError\""), "the door was found, and has no getClass: " + json);
        assertTrue(json.contains("ValidationException"), "called with anything but a request, it answers a refusal: " + json);
    }

    @ParameterizedTest(name = "Python: {0}")
    @ValueSource(strings = {
            "__import__('os').system('touch /tmp/faaslab-escape-canary')",
            "__import__('subprocess').run(['touch', '/tmp/faaslab-escape-canary'])",
            "open('/etc/passwd').read()",
            "open('/var/tmp/faaslab-escape-canary', 'w').write('x')",
            "open('/tmp/../etc/faaslab-escape-canary', 'w').write('x')",
            "open('/usr/share/zoneinfo/faaslab-escape-canary', 'w').write('x')",
            "open('/usr/share/zoneinfo/../../../etc/passwd').read()",
            "__import__('os').symlink('/etc/passwd', '/tmp/link') or open('/tmp/link').read()",
            "__import__('os').listdir('/')",
            "__import__('java').type('java.lang.Runtime')",
            "__import__('polyglot').eval(language='js', string='1')",
            "__import__('socket').create_connection(('example.com', 80))",
            "__import__('os').fork()",
            "__import__('ctypes').CDLL(None)",
            "__import__('faaslab').__loader__.exec_module.__globals__['__builtins__']['open']('/etc/passwd').read()",
            "__import__('faaslab').table('t').get.__func__.__closure__[0].cell_contents.getClass()",
    })
    void failsInPython(String attempt) {
        InvocationResult result = invokeOnce("lambda_function.py",
                "def lambda_handler(event, context):\n    return str(" + attempt + ")\n", "{}");
        assertFalse(result.succeeded(), "must not succeed: " + attempt);
        assertFalse(Files.exists(CANARY), "no file was written");
    }

    @Test
    @DisplayName("through Python's /tmp writes only the instance's own, in memory, never the host's")
    void pythonTmpIsNotTheHosts() {
        InvocationResult result = invokeOnce("lambda_function.py", """
                def lambda_handler(event, context):
                    with open('/tmp/faaslab-escape-canary', 'w') as f:
                        f.write('x')
                    return open('/tmp/faaslab-escape-canary').read()
                """, "{}");
        assertEquals("\"x\"", TestRuntime.json(result));
        assertFalse(Files.exists(CANARY), "the host's /tmp has no such file");
    }
}
