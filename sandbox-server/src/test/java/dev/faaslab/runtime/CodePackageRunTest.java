package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Functions of several files: the package's modules import and require each other and their node_modules
 * (two real npm packages, ms and uuid, as npm installs them), Python imports its own packages and reads its
 * files at /var/task, and nothing loads from outside the package.
 */
@DisplayName("A function of several files")
class CodePackageRunTest {

    static final Path PACKAGES = Path.of("src/test/resources/packages");

    /** A folder's files, by their paths inside it. */
    static Map<String, byte[]> folder(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static Map<String, byte[]> files(String... pathsAndTexts) {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    static FunctionConfig function(Language language, String handler, Map<String, byte[]> files) {
        // zipped and read back, as a deployment package arrives
        CodePackage zipped = CodePackage.fromZip(CodePackage.fromFiles(files).zip());
        FunctionConfig one = new FunctionConfig("pkg", null, language, HandlerName.parse(handler),
                HandlerName.parse(handler).module() + (language == Language.NODEJS ? ".js" : ".py"), "",
                FunctionConfig.DEFAULT_MEMORY_MB, java.time.Duration.ofSeconds(30), Map.of());
        return one.withPackage(zipped);
    }

    static JsonNode run(FunctionConfig config, String event) {
        try {
            return Json.MAPPER.readTree(json(invokeOnce(config, event)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FunctionError failure(FunctionConfig config) {
        InvocationResult result = invokeOnce(config, "{}");
        assertTrue(result.error() != null, "expected an error, got " + result.outcome());
        return result.error();
    }

    @Nested
    @DisplayName("in JavaScript")
    class JavaScript {

        @Test
        @DisplayName("imports its own modules and two npm packages from node_modules, as an ES module")
        void importsItsModulesAndNodeModules() {
            JsonNode result = run(function(Language.NODEJS, "index.handler", folder(PACKAGES.resolve("node-with-deps"))),
                    "{\"name\":\"Ada\"}");
            assertEquals("Hello, Ada!", result.path("greeting").asText());
            assertEquals(172_800_000L, result.path("twoDaysMs").asLong(), "ms('2 days') from node_modules/ms");
            assertTrue(result.path("idIsValid").asBoolean(), "uuid's v4 and validate, through its exports' import condition");
        }

        @Test
        @DisplayName("requires a folder, JSON and the same npm packages, as CommonJS")
        void requiresAsCommonJs() {
            Map<String, byte[]> files = folder(PACKAGES.resolve("node-commonjs"));
            folder(PACKAGES.resolve("node-with-deps")).forEach((path, bytes) -> {
                if (path.startsWith("node_modules/")) {
                    files.put(path, bytes);
                }
            });
            JsonNode result = run(function(Language.NODEJS, "index.handler", files), "{}");
            assertEquals("Hello, world!", result.path("greeting").asText(), "lib/index.js and settings.json");
            assertEquals(172_800_000L, result.path("twoDaysMs").asLong());
            assertTrue(result.path("idIsValid").asBoolean(), "uuid's CommonJS build, which requires crypto");
        }

        @Test
        @DisplayName("loads .js as an ES module under package.json's \"type\": \"module\", Lambda's rule")
        void typeModuleMakesJsAnEsModule() {
            JsonNode result = run(function(Language.NODEJS, "app.handler", files(
                    "package.json", "{\"type\":\"module\"}",
                    "app.js", "import { twice } from './math.js';\nexport const handler = async () => ({ four: twice(2) });",
                    "math.js", "export const twice = (n) => n * 2;")), "{}");
            assertEquals(4, result.path("four").asInt());
        }

        @Test
        @DisplayName("runs a handler in a folder (src/app.handler), its imports resolved from its folder")
        void handlerInAFolder() {
            JsonNode result = run(function(Language.NODEJS, "src/app.handler", files(
                    "src/app.mjs", "import { word } from '../shared/word.mjs';\nimport { tail } from './tail.mjs';\n"
                            + "export const handler = async () => word + tail;\nexport default 'the default';",
                    "src/tail.mjs", "export const tail = '!';",
                    "shared/word.mjs", "export const word = 'found';")), "{}");
            assertEquals("found!", result.asText());
        }

        @Test
        @DisplayName("gives a CommonJS handler in a folder its own __dirname, and requires relative to it")
        void commonJsHandlerInAFolder() {
            JsonNode result = run(function(Language.NODEJS, "src/app.handler", files(
                    "src/app.js", "const { word } = require('./word');\nexports.handler = async () => [__dirname, __filename, word];",
                    "src/word.js", "exports.word = 'beside it';")), "{}");
            assertEquals("[\"/var/task/src\",\"/var/task/src/app.js\",\"beside it\"]", result.toString());
        }

        @Test
        @DisplayName("locates an error thrown in one of its own modules in that module, not in the handler's file or node_modules'")
        void locatesErrorsInItsModules() {
            FunctionError error = failure(function(Language.NODEJS, "index.handler", files(
                    "index.mjs", "import { check } from './lib/check.mjs';\nexport const handler = async () => check();",
                    "lib/check.mjs", "import fail from 'failing';\nexport const check = () => {\n  return fail();\n};",
                    "node_modules/failing/index.js", "module.exports = () => { throw new RangeError('deep inside'); };")));
            assertEquals("RangeError", error.errorType());
            assertEquals(new SourceLocation("lib/check.mjs", 3, 10), error.location(), error.describe());
        }

        @Test
        @DisplayName("answers require.resolve as Node does: a package file's path, a core module's name")
        void requireResolve() {
            JsonNode result = run(function(Language.NODEJS, "index.handler", files(
                    "index.js", "exports.handler = async () => [require.resolve('./lib'), require.resolve('ms'),"
                            + " require.resolve('node:path')];",
                    "lib/index.js", "module.exports = 1;",
                    "node_modules/ms/package.json", "{\"main\": \"ms.js\"}",
                    "node_modules/ms/ms.js", "module.exports = () => 1;")), "{}");
            assertEquals("[\"/var/task/lib/index.js\",\"/var/task/node_modules/ms/ms.js\",\"path\"]", result.toString());
        }

        @Test
        @DisplayName("imports JSON with { type: 'json' }, as Node 22 asks")
        void importsJson() {
            JsonNode result = run(function(Language.NODEJS, "index.handler", files(
                    "index.mjs", "import settings from './settings.json' with { type: 'json' };\n"
                            + "export const handler = async () => settings.name;",
                    "settings.json", "{\"name\": \"from JSON\"}")), "{}");
            assertEquals("from JSON", result.asText());
        }

        @Test
        @DisplayName("imports a CommonJS file of its own by name, with its named exports")
        void importsItsCommonJs() {
            JsonNode result = run(function(Language.NODEJS, "index.handler", files(
                    "index.mjs", "import counter, { next } from './counter.cjs';\n"
                            + "export const handler = async () => [next(), next(), counter.count];",
                    "counter.cjs", "exports.count = 0;\nexports.next = () => ++exports.count;")), "{}");
            assertEquals("[1,2,2]", result.toString());
        }

        @Test
        @DisplayName("refuses a require that climbs out of the package, saying so")
        void refusesARequireThatEscapes() {
            FunctionError error = failure(function(Language.NODEJS, "index.handler", files(
                    "index.js", "const secret = require('../../etc/passwd');\nexports.handler = async () => secret;")));
            assertTrue(error.errorMessage().contains("climbs out of the function's package"), error.describe());
        }

        @Test
        @DisplayName("refuses an import that climbs out of the package, saying so")
        void refusesAnImportThatEscapes() {
            FunctionError error = failure(function(Language.NODEJS, "index.handler", files(
                    "index.mjs", "import secret from '../../etc/passwd';\nexport const handler = async () => secret;")));
            assertTrue(error.describe().contains("outside the function's package"), error.describe());
        }

        @Test
        @DisplayName("says a missing dependency is not in the package, and how to add it")
        void saysWhatIsMissing() {
            FunctionError error = failure(function(Language.NODEJS, "index.handler", files(
                    "index.js", "const left = require('left-pad');\nexports.handler = async () => left('x', 3);")));
            assertTrue(error.errorMessage().contains("Cannot find module 'left-pad'")
                    && error.errorMessage().contains("npm install left-pad"), error.describe());
        }

        @Test
        @DisplayName("still prefers Node's core modules to a package file of the same name")
        void coreModulesFirst() {
            JsonNode result = run(function(Language.NODEJS, "index.handler", files(
                    "index.js", "const path = require('path');\nexports.handler = async () => path.join('a', 'b');",
                    "node_modules/path/index.js", "module.exports = { join: () => 'shadowed' };")), "{}");
            assertEquals("a/b", result.asText());
        }
    }

    @Nested
    @DisplayName("in Python")
    class Python {

        @Test
        @DisplayName("imports its own package (with a relative import inside it) and reads its files at /var/task")
        void importsItsPackage() {
            JsonNode result = run(function(Language.PYTHON, "lambda_function.lambda_handler",
                    folder(PACKAGES.resolve("python-package"))), "{\"name\":\"Grace\"}");
            assertEquals("Hello, Grace!", result.path("greeting").asText());
            assertEquals("Served from /var/task", result.path("motd").asText());
        }

        @Test
        @DisplayName("runs a handler inside a package (app.main.handler)")
        void handlerInAPackage() {
            JsonNode result = run(function(Language.PYTHON, "app.main.handler", files(
                    "app/__init__.py", "",
                    "app/main.py", "from .helpers import shout\n\ndef handler(event, context):\n    return shout('hi')\n",
                    "app/helpers.py", "def shout(text):\n    return text.upper()\n")), "{}");
            assertEquals("HI", result.asText());
        }

        @Test
        @DisplayName("finds /var/task read-only, as Lambda's, and /tmp writable")
        void taskIsReadOnly() {
            JsonNode result = run(function(Language.PYTHON, "lambda_function.lambda_handler", files(
                    "lambda_function.py", """
                            def lambda_handler(event, context):
                                try:
                                    with open('/var/task/new.txt', 'w') as file:
                                        file.write('x')
                                    wrote = True
                                except OSError as e:
                                    wrote = str(e)
                                with open('/tmp/new.txt', 'w') as file:
                                    file.write('x')
                                with open('/tmp/new.txt') as file:
                                    return {'task': wrote, 'tmp': file.read()}
                            """)), "{}");
            assertTrue(result.path("task").asText().contains("Permission denied: '/var/task/new.txt'"), result.toString());
            assertEquals("x", result.path("tmp").asText());
        }

        @Test
        @DisplayName("says a module the package lacks is not in it, and how to add it")
        void saysWhatIsMissing() {
            FunctionError error = failure(function(Language.PYTHON, "lambda_function.lambda_handler", files(
                    "lambda_function.py", "import requests\n\ndef lambda_handler(event, context):\n    return 1\n")));
            assertEquals("Runtime.ImportModuleError", error.errorType());
            assertTrue(error.describe().contains("pip install --target ."), error.describe());
        }
    }
}
