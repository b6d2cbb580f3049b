package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.runtime.CodePackage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /api/functions/{name}} with a deployment package: a zip as the body (settings in the query string), or
 * several files as JSON; the function then runs from its package, shows its files, and gives its zip back.
 */
@DisplayName("The REST API with functions of several files")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class PackagesApiTest {

    static final Path NODE_WITH_DEPS = Path.of("src/test/resources/packages/node-with-deps");

    TestServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** A folder zipped as {@code cd folder && zip -r ../f.zip .} makes it, folders' entries included. */
    public static byte[] zipFolder(Path root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                if (path.equals(root)) {
                    continue;
                }
                String name = root.relativize(path).toString().replace('\\', '/');
                out.putNextEntry(new ZipEntry(Files.isDirectory(path) ? name + "/" : name));
                if (Files.isRegularFile(path)) {
                    out.write(Files.readAllBytes(path));
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    TestServer.Reply putZip(String name, String query, byte[] zip) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/functions/" + name + query))
                .header("Content-Type", "application/zip").PUT(HttpRequest.BodyPublishers.ofByteArray(zip)).build());
    }

    @Test
    @DisplayName("creates a function from a zip with a node_modules dependency, runs it, and gives the zip back")
    void zipWithNodeModules() {
        byte[] zip = zipFolder(NODE_WITH_DEPS);
        TestServer.Reply created = putZip("with-deps", "?runtime=nodejs&handler=index.handler&timeoutSeconds=10", zip);
        assertEquals(201, created.status(), created.body());
        assertEquals(CodePackage.fromZip(zip).sha256(), created.json().path("codeSha256").asText(), "Lambda's CodeSha256: the zip's");
        assertEquals("index.mjs", created.json().path("fileName").asText(), "the handler's module, with its extension");
        assertTrue(created.json().path("files").has("node_modules/ms/index.js"), created.body());
        assertEquals(10, created.json().path("timeoutSeconds").asInt());

        JsonNode result = server.post("/api/functions/with-deps/invoke", "{\"name\":\"Ada\"}").json();
        assertEquals("Hello, Ada!", result.path("result").path("greeting").asText(), result.toString());
        assertEquals(172_800_000L, result.path("result").path("twoDaysMs").asLong());
        assertTrue(result.path("result").path("idIsValid").asBoolean());

        TestServer.Reply back = server.get("/api/functions/with-deps/package");
        assertEquals(200, back.status());
        assertEquals("application/zip", back.header("Content-Type"));
        assertEquals(CodePackage.fromZip(zip).files().keySet(), CodePackage.fromZip(back.response().body()).files().keySet());
    }

    @Test
    @DisplayName("answers the README's curl example as written: its path, query string and Content-Type")
    void readmesExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        java.util.regex.Matcher example = java.util.regex.Pattern.compile(
                "\\$ curl -s -X PUT 'localhost:8080(/api/functions/[^']+)' -H 'Content-Type: ([^']+)' --data-binary @\\S+")
                .matcher(readme);
        assertTrue(example.find(), "the README shows a zip sent with curl");
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri(example.group(1)))
                .header("Content-Type", example.group(2))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipFolder(NODE_WITH_DEPS))).build());
        assertEquals(201, reply.status(), reply.body());
        String name = reply.json().path("name").asText();
        assertEquals("Hello, world!", server.post("/api/functions/" + name + "/invoke", "{}").json()
                .path("result").path("greeting").asText());
    }

    @Test
    @DisplayName("updates a package's settings with JSON, keeping its files, and its code with a new zip")
    void updatesAPackage() {
        byte[] first = CodePackage.fromFiles(files("index.mjs", "export const handler = async () => 'one';")).zip();
        assertEquals(201, putZip("updated", "?runtime=nodejs", first).status());
        TestServer.Reply settings = server.put("/api/functions/updated", "{\"memoryMb\":256}");
        assertEquals(200, settings.status(), settings.body());
        assertEquals("\"one\"", server.post("/api/functions/updated/invoke", "{}").json().path("result").toString());
        byte[] second = CodePackage.fromFiles(files("index.mjs", "import { two } from './two.mjs';\nexport const handler = async () => two;",
                "two.mjs", "export const two = 'two';")).zip();
        TestServer.Reply replaced = putZip("updated", "", second);
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(256, replaced.json().path("memoryMb").asInt(), "settings kept");
        assertEquals("\"two\"", server.post("/api/functions/updated/invoke", "{}").json().path("result").toString());
    }

    @Test
    @DisplayName("takes several files as JSON, as the editor sends them, and shows each file's text")
    void takesFilesAsJson() {
        TestServer.Reply created = server.put("/api/functions/from-files", """
                {"runtime": "python", "handler": "app.main.handler", "files": {
                  "app/__init__.py": "",
                  "app/main.py": "from .words import word\\n\\ndef handler(event, context):\\n    return word()\\n",
                  "app/words.py": "def word():\\n    return 'imported'\\n"}}""");
        assertEquals(201, created.status(), created.body());
        assertEquals("app/main.py", created.json().path("fileName").asText());
        assertEquals("def word():\n    return 'imported'\n", created.json().path("files").path("app/words.py").asText());
        assertEquals("\"imported\"", server.post("/api/functions/from-files/invoke", "{}").json().path("result").toString());
        TestServer.Reply shown = server.get("/api/functions/from-files");
        assertEquals(3, shown.json().path("files").size(), shown.body());
    }

    @Test
    @DisplayName("refuses a zip that climbs out of its folder, one too large, one without the handler, and what is not a zip, each with 400 or 413 and why")
    void refusesBadPackages() throws IOException {
        ByteArrayOutputStream slip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(slip)) {
            out.putNextEntry(new ZipEntry("index.js"));
            out.write("exports.handler = async () => 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
            out.write("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        TestServer.Reply escaped = putZip("slip", "?runtime=nodejs", slip.toByteArray());
        assertEquals(400, escaped.status(), escaped.body());
        assertTrue(escaped.body().contains("../../etc/cron.d/evil") && escaped.body().contains("without '..'"), escaped.body());

        TestServer.Reply noHandler = putZip("no-handler", "?runtime=nodejs&handler=main.handler",
                CodePackage.fromFiles(files("index.mjs", "export const handler = 1;")).zip());
        assertEquals(400, noHandler.status(), noHandler.body());
        assertEquals("handler", noHandler.json().path("error").path("field").asText(), noHandler.body());
        assertTrue(noHandler.body().contains("its modules: index.mjs"), noHandler.body());

        TestServer.Reply notZip = putZip("not-zip", "?runtime=nodejs", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, notZip.status(), notZip.body());

        byte[] big = new byte[CodePackage.MAX_ZIPPED_BYTES + 1];
        TestServer.Reply tooLarge = putZip("too-large", "?runtime=nodejs", big);
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals("PayloadTooLarge", tooLarge.json().path("error").path("code").asText(), tooLarge.body());

        TestServer.Reply both = server.put("/api/functions/both", "{\"runtime\":\"nodejs\",\"code\":\"x\",\"files\":{\"a.js\":\"x\"}}");
        assertEquals(400, both.status(), both.body());
        assertEquals(404, server.get("/api/functions/slip").status(), "nothing was saved");
    }

    @Test
    @DisplayName("refuses a syntax error in the handler's file when the package is saved, naming the file and line")
    void refusesSyntaxErrors() {
        TestServer.Reply broken = putZip("broken", "?runtime=nodejs&handler=src/app.handler",
                CodePackage.fromFiles(files("src/app.mjs", "export const handler = async () => {\n  return (;\n};")).zip());
        assertEquals(400, broken.status(), broken.body());
        assertNotNull(broken.json().path("error").path("location"), broken.body());
        assertTrue(broken.body().contains("src/app.mjs"), broken.body());

        TestServer.Reply inAModule = putZip("broken-module", "?runtime=nodejs", CodePackage.fromFiles(files(
                "index.mjs", "import { greet } from './lib/greet.mjs';\nexport const handler = async () => greet();",
                "lib/greet.mjs", "export const greet = () => {\n  return 'hi' +;\n};")).zip());
        assertEquals(400, inAModule.status(), inAModule.body());
        JsonNode where = inAModule.json().path("error").path("location");
        assertEquals("lib/greet.mjs", where.path("file").asText(), inAModule.body());
        assertEquals(2, where.path("line").asInt(), inAModule.body());

        TestServer.Reply inPython = server.put("/api/functions/broken-python", """
                {"runtime": "python", "files": {
                  "lambda_function.py": "from helpers import shout\\n\\ndef lambda_handler(event, context):\\n    return shout()\\n",
                  "helpers.py": "def shout(:\\n    return 1\\n"}}""");
        assertEquals(400, inPython.status(), inPython.body());
        assertEquals("helpers.py", inPython.json().path("error").path("location").path("file").asText(), inPython.body());
        assertEquals(1, inPython.json().path("error").path("location").path("line").asInt(), inPython.body());
    }

    static Map<String, byte[]> files(String... pathsAndTexts) {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return files;
    }
}
