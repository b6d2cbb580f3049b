package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GraalPy's signal and posix built-ins act on the JVM that runs them: unguarded, one line of Python
 * stops the server. A function must see a process of its own, and nothing it does may reach the server's.
 * If a signal got through, this test's own JVM would stop (and the build fail with it).
 */
@DisplayName("A function's process")
class GuestProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs the Python statements it is sent, and returns what they leave in {@code result}. Its timeout is
     * generous: on a busy machine a JVM's first Python error (which imports traceback) can take seconds.
     */
    private static final Deployment PYTHON = TestRuntime.deploy(FunctionConfig.of("lambda_function.py", """
            import os, platform, signal, sys

            def lambda_handler(event, context):
                scope = {'os': os, 'platform': platform, 'signal': signal, 'sys': sys}
                exec(event['code'], scope)
                return scope.get('result')
            """).withTimeout(Duration.ofSeconds(60)));

    /** One warm instance serves the statements, as long as none of them ends it. */
    private static FunctionInstance instance;

    /**
     * A JVM's first Python instances start slowly, GraalPy's own code not compiled yet; on a busy machine
     * they can run past Lambda's 10 s for init. Instances are started until one starts in time, so that
     * the tests see what they ask about, not a slow start.
     */
    @BeforeAll
    static void startPython() {
        for (int attempt = 0; attempt < 5 && instance == null; attempt++) {
            FunctionInstance starting = PYTHON.newInstance();
            if (starting.initialise().isEmpty()) {
                instance = starting;
            }
        }
    }

    static InvocationResult python(String code) {
        if (instance == null || instance.state() == FunctionInstance.State.DISCARDED) {
            instance = PYTHON.newInstance();
        }
        try {
            return instance.invoke(JSON.writeValueAsString(Map.of("code", code)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode result(String code) {
        try {
            return JSON.readTree(json(python(code)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeTheInstance() {
        if (instance != null) {
            instance.close();
        }
    }

    /** The server is still serving: a neighbour function answers. */
    static void assertTheServerServes() {
        assertEquals("\"still here\"", json(invokeOnce("index.mjs",
                "export const handler = async () => 'still here';", "{}")));
    }

    @Nested
    @DisplayName("in Python sends no signal and handles none")
    class PythonSignals {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "signal.raise_signal(signal.SIGTERM)",
                "signal.raise_signal(signal.SIGINT)",
                "os.kill(os.getpid(), signal.SIGKILL)",
                "os.kill(os.getpid(), signal.SIGTERM)",
                "os.kill(0, signal.SIGTERM)",
                "os.kill(1, signal.SIGTERM)",
                "os.killpg(0, signal.SIGTERM)",
                "signal.alarm(1)",
                "signal.setitimer(signal.ITIMER_REAL, 0.05)",
                "signal.signal(signal.SIGTERM, lambda signum, frame: None)",
                "signal.signal(signal.SIGINT, signal.SIG_IGN)",
        })
        void refusesWithAClearError(String call) {
            FunctionError error = python(call).error();
            assertEquals("PermissionError", error.errorType(), call + ": " + error.describe());
            assertTrue(error.errorMessage().contains("FaaS Lab's sandbox"), error.errorMessage());
            assertTrue(error.errorMessage().contains(call.substring(0, call.indexOf('('))),
                    "names the call: " + error.errorMessage());
            assertTheServerServes();
        }

        @Test
        void cannotBringTheOriginalsBack() {
            FunctionError error = python("""
                    import importlib, importlib.machinery, _imp, _signal, posix
                    importlib.reload(_signal)
                    importlib.reload(posix)
                    del sys.modules['_signal']
                    fresh = _imp.create_builtin(importlib.machinery.ModuleSpec('_signal', None))
                    importlib.reload(signal)
                    assert fresh is _signal and fresh is importlib.import_module('_signal')
                    fresh.raise_signal(signal.SIGTERM)
                    """).error();
            assertEquals("PermissionError", error.errorType(), error.describe());
            assertTheServerServes();
        }

        @Test
        void answersThatEverySignalKeepsItsDefaultHandling() {
            python("signal.signal(signal.SIGINT, signal.SIG_IGN)");
            assertEquals("[true,true]", result("result = [signal.getsignal(s) is signal.SIG_DFL for s in (signal.SIGINT, signal.SIGTERM)]")
                    .toString());
        }
    }

    @Nested
    @DisplayName("in Python ends only the invocation when it exits")
    class PythonExits {

        @Test
        void throughSysExitAsLambdasExitError() {
            FunctionError error = python("sys.exit(3)").error();
            assertEquals("Runtime.ExitError", error.errorType());
            assertTrue(error.errorMessage().contains("sys.exit(3)"), error.errorMessage());
            assertTheServerServes();
        }

        @Test
        void throughOsExitAsLambdasExitErrorThatDiscardsTheInstance() {
            FunctionInstance exiting = PYTHON.newInstance();
            FunctionError error = exiting.invoke("{\"code\": \"os._exit(1)\"}").error();
            assertEquals("Runtime.ExitError", error.errorType(), error.describe());
            assertEquals("Runtime exited with error: exit status 1", error.errorMessage());
            assertTrue(error.hint().contains("os._exit"), error.hint());
            assertEquals(FunctionInstance.State.DISCARDED, exiting.state(), "the runtime ended, as a process would");
            assertTheServerServes();
        }

        @Test
        void throughOsExitEvenWhenTheCodeCatchesEverything() {
            FunctionError error = python("""
                    try:
                        os._exit(2)
                    except BaseException:
                        result = 'caught'
                    """).error();
            assertEquals("Runtime exited with error: exit status 2", error.errorMessage());
        }

        @Test
        void whileTheModuleLoads() {
            FunctionError error = invokeOnce("lambda_function.py",
                    "import sys\nsys.exit(4)\ndef lambda_handler(event, context):\n    return 1\n", "{}").error();
            assertEquals(ErrorKind.INIT, error.kind());
            assertEquals("Runtime.ExitError", error.errorType(), error.describe());
            assertTrue(error.errorMessage().contains("sys.exit(4)"), error.errorMessage());
        }
    }

    @Nested
    @DisplayName("in Python is a process of its own")
    class PythonIdentity {

        @Test
        void withASmallStablePidThatIsNotTheServers() {
            JsonNode ids = result("result = [os.getpid(), os.getppid(), os.getpid()]");
            assertNotEquals(ProcessHandle.current().pid(), ids.get(0).asLong());
            assertEquals("[1,0,1]", ids.toString(), "pid 1, whose parent is outside the sandbox");
        }

        @Test
        void onAKernelAndHostThatAreNotTheServers() throws IOException {
            String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
            String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            JsonNode names = result("result = [list(os.uname()), list(platform.uname()), platform.platform(), platform.node()]");
            assertFalse(names.toString().contains(release), "no kernel release of the host's: " + names);
            assertNotEquals(hostname, names.get(0).get(1).asText(), "no host name of the host's: " + names);
            assertNotEquals(hostname, names.get(3).asText(), "no host name of the host's: " + names);
            assertEquals("Linux", names.get(0).get(0).asText());
        }

        @Test
        void inLambdasTaskRootWithNoFolderOfTheHostsOnItsPaths() {
            JsonNode paths = result("""
                    import __graalpython__
                    result = {'cwd': os.getcwd(), 'file': sys.modules['lambda_function'].__file__, 'path': sys.path,
                              'prefixes': [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                                           sys._stdlib_dir, __graalpython__.home, __graalpython__.stdlib_home,
                                           __graalpython__.core_home, __graalpython__.capi_home]}
                    """);
            assertEquals("/var/task", paths.get("cwd").asText());
            assertEquals("/var/task/lambda_function.py", paths.get("file").asText());
            assertEquals("/var/task", paths.get("path").get(0).asText());
            String home = System.getProperty("user.home");
            for (JsonNode path : paths.get("path")) {
                assertFalse(path.asText().startsWith(home) || path.asText().contains(".cache"), "sys.path: " + paths);
            }
            for (JsonNode path : paths.get("prefixes")) {
                assertTrue(path.asText().startsWith("/var/lang"), "prefixes and homes: " + paths);
            }
        }

        @Test
        void thatStillImportsTheStandardLibrary() {
            assertEquals("\"a b\"", json(python("import textwrap, json.tool, email.utils\nresult = textwrap.shorten('a  b', 9)")));
        }

        @Test
        void withOnlyTheFunctionsEnvironment() {
            JsonNode environment = result("result = sorted(os.environ)");
            for (JsonNode name : environment) {
                String variable = name.asText();
                assertTrue(variable.startsWith("AWS_") || variable.startsWith("LAMBDA_") || variable.equals("TZ")
                        || variable.equals("_HANDLER") || variable.equals("UNSAFE_PYO3_SKIP_VERSION_CHECK") || variable.equals("PYTHONTZPATH"),
                        "no variable of the server's: " + environment);
            }
        }

        @Test
        void thatRunsNoOtherProcess() {
            FunctionError error = python("os.system('true')").error();
            assertEquals("PermissionError", error.errorType(), error.describe());
            assertTrue(error.errorMessage().contains("os.system"), error.errorMessage());
        }
    }

    @Nested
    @DisplayName("in JavaScript")
    class JavaScript {

        @Test
        void isPidOneAndSendsNoSignal() {
            InvocationResult result = invokeOnce("index.mjs", """
                    export const handler = async () => {
                      try { process.kill(process.pid, 'SIGTERM'); return 'sent'; }
                      catch (e) { return [process.pid, e.code, e.message]; }
                    };
                    """, "{}");
            String answer = json(result);
            assertTrue(answer.startsWith("[1,\"EPERM\",\"process.kill: FaaS Lab's sandbox"), answer);
        }
    }
}
