package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Node's core modules and the web's globals, as a handler meets them: each example of
 * {@code node-library-examples.tsv} gives what Node.js 20 gave for it ({@code JSON.stringify} of its value, printed
 * by {@code node}). All run in one warm instance, as a learner's handler would call them one after another.
 */
@DisplayName("A JavaScript function uses Node's core modules and the web's globals as on Node.js")
class NodeLibraryTest {

    private static final String IMPORTS = """
            import crypto, { createHash, createHmac, timingSafeEqual, randomBytes, randomUUID, randomInt } from 'node:crypto';
            import url from 'node:url';
            import path from 'node:path';
            import util from 'node:util';
            import { EventEmitter, once } from 'node:events';
            import querystring from 'node:querystring';
            import assert from 'node:assert';
            import assertStrict from 'node:assert/strict';
            import zlib from 'zlib';
            import timersPromises from 'node:timers/promises';
            import { StringDecoder } from 'node:string_decoder';
            import process from 'node:process';
            """;

    private static List<String[]> examples;
    private static FunctionInstance instance;

    private static List<String[]> readExamples() throws IOException {
        if (examples == null) {
            try (InputStream in = NodeLibraryTest.class.getResourceAsStream("node-library-examples.tsv")) {
                examples = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .map(line -> line.split("\t", 3)).toList();
            }
        }
        return examples;
    }

    @BeforeAll
    static void deployEveryExample() throws IOException {
        readExamples();
        StringBuilder code = new StringBuilder(IMPORTS).append("const examples = [\n");
        for (String[] example : examples) {
            code.append("  async () => (").append(example[1]).append("),\n");
        }
        code.append("];\nexport const handler = async (event) => examples[event.example]();\n");
        instance = TestRuntime.deploy("index.mjs", code.toString()).newInstance();
    }

    @AfterAll
    static void close() {
        instance.close();
    }

    static Stream<Arguments> examples() throws IOException {
        List<String[]> all = readExamples();
        return java.util.stream.IntStream.range(0, all.size()).mapToObj(i -> Arguments.of(all.get(i)[0], i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void givesWhatNodeGives(String what, int index) {
        String[] example = examples.get(index);
        InvocationResult result = instance.invoke("{\"example\": " + index + "}");
        assertEquals(example[2], json(result), what + ": " + example[1]);
    }

    @Test
    @DisplayName("CommonJS requires the same modules, by node: names and bare ones")
    void commonJsRequiresThem() {
        String json = json(invokeOnce("index.js", """
                const { createHash } = require('node:crypto');
                const crypto = require('crypto');
                const { join } = require('path');
                exports.handler = async () => [createHash('sha1').update('a').digest('hex'), crypto === require('node:crypto'),
                    join('a', 'b'), typeof require('util').promisify, require('buffer').Buffer === Buffer];
                """, "{}"));
        assertEquals("[\"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8\",true,\"a/b\",\"function\",true]", json);
    }

    @Test
    @DisplayName("refuses fs, child_process and the network's modules, saying why and what to use instead")
    void refusesWhatASandboxCannotGive() {
        for (String module : List.of("fs", "node:child_process", "http", "os")) {
            String message = invokeOnce("index.js", "exports.handler = async () => require('" + module + "');", "{}")
                    .error().errorMessage();
            assertTrue(message.startsWith("The module '" + module + "' is refused: FaaS Lab functions"), message);
        }
        FunctionError error = invokeOnce("index.mjs", "import { readFileSync } from 'node:fs';\n"
                + "export const handler = async () => 1;", "{}").error();
        assertEquals("Runtime.ImportModuleError", error.errorType());
        assertTrue(error.errorMessage().contains("no file system: keep data in a table or a bucket"), error.errorMessage());
    }

    @Test
    @DisplayName("loads a global's module only when the global is first read, and lets a function set its own")
    void loadsGlobalsOnFirstRead() {
        String json = json(invokeOnce("index.mjs", """
                const own = () => Object.getOwnPropertyNames(globalThis).filter((n) => ['URL', 'Buffer', 'fetch'].includes(n));
                export const handler = async () => {
                  const before = own();
                  const type = typeof URL;
                  const after = own();
                  globalThis.Buffer = 'mine';
                  return [before, type, after, Buffer, 'fetch' in globalThis, typeof notAGlobal];
                };
                """, "{}"));
        assertEquals("[[],\"function\",[\"URL\"],\"mine\",true,\"undefined\"]", json);
    }

    @Test
    @DisplayName("names a digest it does not have, and the ones it has")
    void namesAnUnknownDigest() {
        String json = json(invokeOnce("index.mjs", """
                import { createHash } from 'node:crypto';
                export const handler = async () => { try { createHash('whirlpool'); } catch (e) { return e.message; } };
                """, "{}"));
        assertEquals("\"Digest method not supported: whirlpool (FaaS Lab's crypto has md5, sha1, sha224, sha256, sha384, sha512)\"", json);
    }

    @Test
    @DisplayName("stops inflating a bomb at 64 MB with Node's RangeError, and the instance goes on")
    void stopsAZipBomb() {
        String json = json(invokeOnce("index.mjs", """
                import zlib from 'node:zlib';
                export const handler = async () => {
                  const bomb = zlib.deflateSync(Buffer.alloc(16 * 1024 * 1024));
                  const capped = (() => { try { zlib.inflateSync(bomb, { maxOutputLength: 1024 }); } catch (e) { return [e.name, e.code]; } })();
                  return [bomb.length < 100000, capped, zlib.inflateSync(bomb).length];
                };
                """, "{}"));
        assertEquals("[true,[\"RangeError\",\"ERR_BUFFER_TOO_LARGE\"],16777216]", json);
    }
}
