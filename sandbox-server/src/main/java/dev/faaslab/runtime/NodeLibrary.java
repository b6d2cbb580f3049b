package dev.faaslab.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.core.WebJars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;

/**
 * Node's core modules, the part Lambda code uses, as CommonJS modules a JavaScript context loads on first
 * {@code require} or {@code import}: ours (crypto, util, zlib … under {@code node/} beside the bootstrap) and
 * pure-JavaScript npm packages that WebJars put on the class path (buffer, events, path-browserify,
 * whatwg-url …). A module is named by an id, {@code node:crypto.js} or {@code npm:events/events.js}; each
 * id's code is one cached {@link Source}, so the engine parses and compiles it once for every context.
 *
 * <p>A context reaches only what {@link #resolve} names: the built-in modules, and from inside a package its
 * own files and the other library packages. Nothing else on the class path, and nothing above a package.
 */
final class NodeLibrary {

    /** A core module: its id, and the names an ES module can import from it. */
    record Builtin(String id, List<String> exports) {
    }

    private static final String OURS = "node:";
    private static final String NPM = "npm:";
    private static final String OUR_RESOURCES = "node/";
    private static final String WEBJARS = "META-INF/resources/webjars/";

    static final Map<String, Builtin> BUILTINS = Map.ofEntries(
            Map.entry("buffer", new Builtin("node:buffer.js", List.of("Buffer", "SlowBuffer", "constants", "kMaxLength",
                    "kStringMaxLength", "atob", "btoa", "isUtf8", "isAscii"))),
            Map.entry("crypto", new Builtin("node:crypto.js", List.of("createHash", "createHmac", "randomBytes",
                    "randomFillSync", "randomInt", "randomUUID", "timingSafeEqual", "getRandomValues", "getHashes",
                    "hash", "webcrypto", "subtle"))),
            Map.entry("util", new Builtin("node:util.js", List.of("format", "formatWithOptions", "inspect", "promisify",
                    "callbackify", "inherits", "deprecate", "types", "isDeepStrictEqual", "TextEncoder", "TextDecoder",
                    "debuglog", "isArray"))),
            Map.entry("path", new Builtin("npm:path-browserify/index.js", List.of("basename", "delimiter", "dirname",
                    "extname", "format", "isAbsolute", "join", "normalize", "parse", "posix", "relative", "resolve",
                    "sep", "toNamespacedPath"))),
            Map.entry("events", new Builtin("node:events.js", List.of("EventEmitter", "once",
                    "defaultMaxListeners"))),
            Map.entry("url", new Builtin("node:url.js", List.of("URL", "URLSearchParams", "parse", "format", "resolve",
                    "fileURLToPath", "pathToFileURL", "domainToASCII", "domainToUnicode"))),
            Map.entry("querystring", new Builtin("node:querystring.js", List.of("decode", "encode", "parse",
                    "stringify", "escape", "unescape"))),
            Map.entry("assert", new Builtin("node:assert.js", List.of("ok", "equal", "notEqual", "strictEqual",
                    "notStrictEqual", "deepEqual", "notDeepEqual", "deepStrictEqual", "notDeepStrictEqual", "throws",
                    "doesNotThrow", "rejects", "doesNotReject", "match", "doesNotMatch", "fail", "ifError",
                    "AssertionError", "strict"))),
            Map.entry("assert/strict", new Builtin("node:assert-strict.js", List.of("ok", "equal", "notEqual",
                    "deepEqual", "notDeepEqual", "throws", "doesNotThrow", "rejects", "doesNotReject", "match",
                    "doesNotMatch", "fail", "ifError", "AssertionError", "strict"))),
            Map.entry("timers", new Builtin("node:timers.js", List.of("setTimeout", "setInterval", "setImmediate",
                    "clearTimeout", "clearInterval", "clearImmediate", "promises"))),
            Map.entry("timers/promises", new Builtin("node:timers-promises.js", List.of("setTimeout", "setImmediate",
                    "setInterval", "scheduler"))),
            Map.entry("zlib", new Builtin("node:zlib.js", List.of("gzip", "gzipSync", "gunzip", "gunzipSync",
                    "deflate", "deflateSync", "inflate", "inflateSync", "deflateRaw", "deflateRawSync", "inflateRaw",
                    "inflateRawSync", "unzip", "unzipSync", "constants", "crc32"))),
            Map.entry("process", new Builtin("node:process.js", List.of("env", "hrtime", "nextTick", "version",
                    "versions", "platform", "arch", "cwd", "uptime", "memoryUsage", "exit", "kill", "stdout",
                    "stderr"))),
            Map.entry("string_decoder", new Builtin("node:string-decoder.js", List.of("StringDecoder"))),
            // Providers' libraries a style's handlers import (style/azure, style/gcp): not Node's, but served the
            // same way, as a deployed function has them in node_modules.
            Map.entry("@azure/functions", new Builtin("node:azure-functions.js", List.of("app", "HttpRequest",
                    "HttpResponse", "InvocationContext"))),
            Map.entry("@google-cloud/functions-framework", new Builtin("node:functions-framework.js",
                    List.of("http", "cloudEvent"))));

    /** Node's modules a sandbox cannot give, with why and what to use instead. */
    private static final Map<String, String> REFUSED = refusals();

    private static Map<String, String> refusals() {
        Map<String, String> refused = new java.util.HashMap<>();
        String files = "FaaS Lab functions have no file system: keep data in a table or a bucket (the faaslab module),"
                + " or in variables while the instance is warm.";
        String processes = "FaaS Lab functions cannot start processes or threads: do the work in the handler, or send"
                + " it to a queue (the faaslab module) for another function.";
        String network = "FaaS Lab functions have no network: use the faaslab module's tables, buckets and queues.";
        String host = "FaaS Lab functions run in a sandbox that shows nothing of the machine it runs on: use the"
                + " event, the context and process.env.";
        for (String name : List.of("fs", "fs/promises")) {
            refused.put(name, files);
        }
        for (String name : List.of("child_process", "cluster", "worker_threads")) {
            refused.put(name, processes);
        }
        for (String name : List.of("net", "http", "https", "http2", "dgram", "dns", "dns/promises", "tls")) {
            refused.put(name, network);
        }
        for (String name : List.of("os", "vm", "v8", "module", "inspector", "repl", "readline", "perf_hooks",
                "async_hooks", "diagnostics_channel", "trace_events", "wasi", "sqlite", "test")) {
            refused.put(name, host);
        }
        return Map.copyOf(refused);
    }

    /** Why a Node module that exists but is not given here is refused, and what to use instead; empty if it is not one. */
    static Optional<String> refusal(String specifier) {
        String bare = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
        return Optional.ofNullable(REFUSED.get(bare)).map(why -> "The module '" + specifier + "' is refused: " + why);
    }

    /** The npm packages the library's modules may require, and nothing else from the class path. */
    private static final Set<String> PACKAGES = Set.of("whatwg-url", "tr46", "punycode", "webidl-conversions",
            "buffer", "base64-js", "ieee754", "events", "path-browserify", "querystring-es3");

    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();
    /**
     * What a library module's require found, by "from|specifier": the library's own requires are a fixed set, and
     * without this every cold start that used URL probed the class path per file and re-read package.json.
     */
    private static final Map<String, Optional<String>> RESOLVED = new ConcurrentHashMap<>();
    private static final ClassLoader LOADER = NodeLibrary.class.getClassLoader();

    private NodeLibrary() {
    }

    /** The core module {@code specifier} names ({@code crypto}, {@code node:crypto}), if it is one. */
    static Optional<Builtin> builtin(String specifier) {
        String bare = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
        return Optional.ofNullable(BUILTINS.get(bare));
    }

    /**
     * The id of the module {@code specifier} names when the module {@code from} requires it (null for the
     * learner's own code, which reaches the core modules only), or empty.
     */
    static Optional<String> resolve(String from, String specifier) {
        Optional<Builtin> core = builtin(specifier);
        if (core.isPresent() && !specifier.endsWith("/")) {
            return Optional.of(core.get().id());
        }
        if (from == null || specifier.startsWith("node:")) {
            return Optional.empty();
        }
        // from is always a library id here (only library modules pass one), so the keys stay few.
        return RESOLVED.computeIfAbsent(from + "|" + specifier, key -> specifier.startsWith("./") || specifier.startsWith("../")
                ? relative(from, specifier) : packageModule(specifier));
    }

    private static Optional<String> relative(String from, String specifier) {
        boolean npm = from.startsWith(NPM);
        String path = from.substring(npm ? NPM.length() : OURS.length());
        List<String> normal = new ArrayList<>();
        for (String part : (path.substring(0, path.lastIndexOf('/') + 1) + specifier).split("/")) {
            if (part.equals("..")) {
                if (normal.isEmpty()) {
                    return Optional.empty();
                }
                normal.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                normal.add(part);
            }
        }
        // A package's files stay inside it (its name is the first segment; library packages have no scope).
        boolean inside = npm ? normal.size() >= 2 && normal.getFirst().equals(path.substring(0, path.indexOf('/')))
                : !normal.isEmpty();
        return inside ? file(npm ? NPM : OURS, String.join("/", normal)) : Optional.empty();
    }

    private static Optional<String> packageModule(String specifier) {
        int slash = specifier.indexOf('/');
        String name = slash < 0 ? specifier : specifier.substring(0, slash);
        String rest = slash < 0 ? "" : specifier.substring(slash + 1);
        if (!PACKAGES.contains(name) || rest.contains("..")) {
            return Optional.empty();
        }
        if (!rest.isEmpty()) {
            return file(NPM, name + "/" + rest);
        }
        return file(NPM, name + "/" + main(name));
    }

    /** The package's entry point, from its package.json ({@code main}, else index.js). */
    private static String main(String name) {
        return read(NPM + name + "/package.json").map(text -> {
            JsonNode main;
            try {
                main = Json.MAPPER.readTree(text).path("main");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the WebJar " + name + " has a package.json that is not JSON", e);
            }
            String entry = main.isTextual() && !main.asText().isBlank() ? main.asText() : "index.js";
            return entry.startsWith("./") ? entry.substring(2) : entry;
        }).orElse("index.js");
    }

    /** Node's order: the path as written, then with .js, then .json, then as a folder's index.js. */
    private static Optional<String> file(String scheme, String path) {
        for (String candidate : List.of(path, path + ".js", path + ".json", path + "/index.js")) {
            if ((candidate.endsWith(".js") || candidate.endsWith(".json")) && exists(scheme + candidate)) {
                return Optional.of(scheme + candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean exists(String id) {
        return SOURCES.containsKey(id) || LOADER.getResource(resource(id)) != null;
    }

    /** Whether {@code id} is one {@link #resolve} can give: a door's caller cannot name anything else. */
    static boolean valid(String id) {
        if (!id.matches("(node|npm):[A-Za-z0-9._/-]+") || id.contains("..") || !(id.endsWith(".js") || id.endsWith(".json"))) {
            return false;
        }
        if (id.startsWith(NPM)) {
            String path = id.substring(NPM.length());
            int slash = path.indexOf('/');
            if (slash < 0 || !PACKAGES.contains(path.substring(0, slash))) {
                return false;
            }
        }
        return exists(id);
    }

    /**
     * The module's code, wrapped as Node wraps it: a function of {@code (exports, require, module, __filename,
     * __dirname)} and, for the library's own modules, the bootstrap's internals.
     */
    static Source source(String id) {
        return SOURCES.computeIfAbsent(id, key -> {
            String text = read(key).orElseThrow(() -> new IllegalArgumentException("no library module " + key));
            String body = key.endsWith(".json") ? "module.exports = " + text + ";" : text;
            String name = key.startsWith(NPM) ? "node_modules/" + key.substring(NPM.length()) : key;
            return Source.newBuilder("js", "(function (exports, require, module, __filename, __dirname, internals) {"
                    + body + "\n})", name).internal(true).buildLiteral();
        });
    }

    private static String resource(String id) {
        if (id.startsWith(OURS)) {
            return "dev/faaslab/runtime/" + OUR_RESOURCES + id.substring(OURS.length());
        }
        String path = id.substring(NPM.length());
        String name = path.substring(0, path.indexOf('/'));
        return WEBJARS + name + "/" + version(name) + path.substring(name.length());
    }

    private static String version(String name) {
        return VERSIONS.computeIfAbsent(name, key -> WebJars.version(LOADER, key)
                .orElseThrow(() -> new IllegalStateException("the WebJar " + key + " is missing from the build")));
    }

    private static Optional<String> read(String id) {
        try (InputStream in = LOADER.getResourceAsStream(resource(id))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code import … from 'crypto'} loads: an ES module over the CommonJS one, with its default export
     * and its names.
     */
    static byte[] esModule(String specifier, Builtin builtin) {
        String bare = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
        return ("const m = globalThis[Symbol.for('faaslab.require')]('" + bare + "');\n"
                + "export default m;\n"
                + "export const { " + String.join(", ", builtin.exports()) + " } = m;\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
