package dev.faaslab.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A JavaScript package's modules as Node finds them under {@code /var/task}: {@code require} and {@code import}
 * of relative paths and of {@code node_modules} packages (their {@code package.json}'s {@code exports},
 * {@code main}, or {@code index.js}), ES modules told from CommonJS by Node's rules ({@code .mjs}, {@code .cjs},
 * the nearest {@code package.json}'s {@code "type"}, else the file's syntax). Nothing outside the package is
 * found: a path that climbs out of it is refused. One per deployment; every instance shares its cached sources.
 */
public final class PackageModules {

    static final String TASK = "/var/task/";
    // export default, or a name exported as default: the entry's ES module stub re-exports it then
    private static final Pattern DEFAULT_EXPORT = Pattern.compile("(^|[;}\\s])export\\s+default\\b|\\bas\\s+default\\b");
    // the names a CommonJS module assigns, as Node's cjs-module-lexer finds the usual forms
    private static final Pattern CJS_EXPORT = Pattern.compile(
            "(?:^|[^.\\w$])(?:module\\.)?exports\\.([A-Za-z_$][\\w$]*)\\s*=|Object\\.defineProperty\\(\\s*(?:module\\.)?exports\\s*,\\s*['\"]([A-Za-z_$][\\w$]*)['\"]");

    private final CodePackage files;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();

    /**
     * The bootstrap's door to the package: {@code task('resolve', from, specifier)} gives the file's path, or
     * '!' and why there is none; {@code task('load', path)} gives a CommonJS module's function, or '!' and why
     * it cannot be required.
     */
    private final ProxyExecutable door = this::call;

    public PackageModules(CodePackage files) {
        this.files = files;
    }

    ProxyExecutable door() {
        return door;
    }

    private Object call(Value... args) {
        String operation = args[0].asString();
        String path = args[1].asString();
        try {
            return switch (operation) {
                case "resolve" -> {
                    String specifier = args[2].asString();
                    yield resolve(path, specifier, false).orElseGet(() -> "!Cannot find module '" + specifier
                            + "' (required by " + path + "): it is not in the function's package. Put it in the"
                            + " package's node_modules before zipping (npm install " + specifier + "), or use Node's"
                            + " core modules and the faaslab module");
                }
                case "load" -> isEsModule(path)
                        ? "!require() of the ES module " + path + " is not supported here: import it instead"
                                + " (import ... from '" + path + "'), or give it a .cjs name"
                        : Context.getCurrent().eval(commonJs(path));
                default -> throw new IllegalArgumentException("no package operation " + operation);
            };
        } catch (Escape escape) {
            return "!" + escape.getMessage();
        }
    }

    public CodePackage files() {
        return files;
    }

    /** Why a specifier names nothing: it climbs out of the package. */
    public static final class Escape extends RuntimeException {
        Escape(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The file (an absolute {@code /var/task/...} path) that {@code specifier} names when the module at
     * {@code from} requires it, or empty. Core modules are the caller's to try first, as in Node.
     */
    public Optional<String> resolve(String from, String specifier, boolean esm) {
        String key = from + "|" + specifier + "|" + esm;
        return resolved.computeIfAbsent(key, k -> find(from, specifier, esm));
    }

    private Optional<String> find(String from, String specifier, boolean esm) {
        if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")
                || specifier.equals(".") || specifier.equals("..")) {
            String base = specifier.startsWith("/") ? "" : directory(inside(from));
            String path = normalize(base, specifier);
            return asFile(path).or(() -> asDirectory(path, esm));
        }
        int slash = specifier.startsWith("@") ? specifier.indexOf('/', specifier.indexOf('/') + 1) : specifier.indexOf('/');
        String name = slash < 0 ? specifier : specifier.substring(0, slash);
        String rest = slash < 0 ? "" : specifier.substring(slash + 1);
        if (rest.contains("..")) {
            return Optional.empty();
        }
        // node_modules from the requiring file's folder up to the package's root, as Node walks them
        String dir = directory(inside(from));
        while (true) {
            String packageDir = (dir.isEmpty() ? "" : dir + "/") + "node_modules/" + name;
            if (files.isDirectory(packageDir)) {
                Optional<String> found = inPackage(packageDir, rest, esm);
                if (found.isPresent()) {
                    return found;
                }
            }
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            int up = dir.lastIndexOf('/');
            dir = up < 0 ? "" : dir.substring(0, up);
        }
    }

    private Optional<String> inPackage(String packageDir, String rest, boolean esm) {
        JsonNode manifest = manifest(packageDir);
        JsonNode exports = manifest.path("exports");
        if (!exports.isMissingNode() && !exports.isNull()) {
            String subpath = rest.isEmpty() ? "." : "./" + rest;
            JsonNode target = exports.isObject() && exports.properties().stream().anyMatch(e -> e.getKey().startsWith("."))
                    ? exports.get(subpath) : subpath.equals(".") ? exports : null;
            String chosen = condition(target, esm);
            if (chosen != null && chosen.startsWith("./")) {
                String path = normalize(packageDir, chosen);
                if (path.startsWith(packageDir + "/") && files.file(path).isPresent()) {
                    return Optional.of(TASK + path);
                }
            }
            if (chosen != null) {
                return Optional.empty();
            }
        }
        if (!rest.isEmpty()) {
            String path = packageDir + "/" + rest;
            return asFile(path).or(() -> asDirectory(path, esm));
        }
        return asDirectory(packageDir, esm);
    }

    /** The target of an {@code exports} entry under Node's conditions for require or import. */
    private static String condition(JsonNode target, boolean esm) {
        if (target == null || target.isNull() || target.isMissingNode()) {
            return null;
        }
        if (target.isTextual()) {
            return target.asText();
        }
        if (target.isArray()) {
            for (JsonNode each : target) {
                String chosen = condition(each, esm);
                if (chosen != null) {
                    return chosen;
                }
            }
            return null;
        }
        for (var entry : target.properties()) {
            String name = entry.getKey();
            if (name.equals("node") || name.equals("default") || name.equals(esm ? "import" : "require")
                    || name.equals("module-sync")) {
                String chosen = condition(entry.getValue(), esm);
                if (chosen != null) {
                    return chosen;
                }
            }
        }
        return null;
    }

    /** Node's LOAD_AS_FILE: the path as written, then with .js, .json, .cjs, .mjs. */
    private Optional<String> asFile(String path) {
        for (String candidate : List.of(path, path + ".js", path + ".json", path + ".cjs", path + ".mjs")) {
            if (files.file(candidate).isPresent()) {
                return Optional.of(TASK + candidate);
            }
        }
        return Optional.empty();
    }

    /** Node's LOAD_AS_DIRECTORY: package.json's main (or module for an import), then index.js. */
    private Optional<String> asDirectory(String path, boolean esm) {
        JsonNode manifest = manifest(path);
        for (String field : esm ? List.of("module", "main") : List.of("main")) {
            String main = manifest.path(field).asText("");
            if (!main.isBlank()) {
                String target = normalize(path, main.startsWith("./") || main.startsWith("../") ? main : "./" + main);
                Optional<String> found = asFile(target).or(() -> asFile(target + "/index"));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return asFile(path.isEmpty() ? "index" : path + "/index");
    }

    private JsonNode manifest(String dir) {
        return files.text((dir.isEmpty() ? "" : dir + "/") + "package.json").map(text -> {
            try {
                return Json.MAPPER.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return (JsonNode) Json.MAPPER.createObjectNode();
            }
        }).orElse(Json.MAPPER.createObjectNode());
    }

    /** Whether Node would load the file as an ES module. */
    boolean isEsModule(String absolute) {
        String path = inside(absolute);
        if (path.endsWith(".mjs")) {
            return true;
        }
        if (path.endsWith(".cjs") || path.endsWith(".json")) {
            return false;
        }
        String dir = directory(path);
        while (true) {
            if (files.file((dir.isEmpty() ? "" : dir + "/") + "package.json").isPresent()) {
                String type = manifest(dir).path("type").asText("");
                if (type.equals("module")) {
                    return true;
                }
                if (type.equals("commonjs")) {
                    return false;
                }
                break; // the nearest package.json decides; without a type, the syntax does (Node 22)
            }
            if (dir.isEmpty()) {
                break;
            }
            int up = dir.lastIndexOf('/');
            dir = up < 0 ? "" : dir.substring(0, up);
        }
        return JavaScriptGuest.isEsModule("x.js", files.text(path).orElse(""));
    }

    /** A CommonJS module's code wrapped as Node wraps it, one cached Source per file. */
    Source commonJs(String absolute) {
        return sources.computeIfAbsent(absolute, key -> {
            String text = files.text(inside(key)).orElseThrow(() -> new Escape("Cannot find module '" + key + "'"));
            String body = key.endsWith(".json") ? "module.exports = " + text + ";" : text;
            return Source.newBuilder("js", "(function (exports, require, module, __filename, __dirname) {" + body
                    + "\n})", key).buildLiteral();
        });
    }

    /** What an {@code import} of a package file reads: the file itself if it is an ES module, else a stub over require. */
    byte[] esModuleBytes(String absolute) {
        String path = inside(absolute);
        byte[] bytes = files.file(path).orElseThrow();
        if (isEsModule(absolute) || path.endsWith(".json")) {
            return bytes; // JSON as it is: GraalJS reads it as JSON for import … with { type: 'json' }, as Node asks
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = CJS_EXPORT.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (!name.equals("default") && !name.equals("__esModule")) {
                names.add(name);
            }
        }
        StringBuilder stub = new StringBuilder("const m = globalThis[Symbol.for('faaslab.require')]('")
                .append(absolute).append("');\nexport default m;\n");
        if (!names.isEmpty()) {
            stub.append("export const { ").append(String.join(", ", names)).append(" } = m;\n");
        }
        return stub.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entry as an ES module evaluated from text: it re-exports the file, so that its imports resolve from where it is. */
    Source entryStub(String entry) {
        String absolute = TASK + entry;
        String text = files.text(entry).orElse("");
        String stub = "export * from '" + absolute + "';\n"
                + (DEFAULT_EXPORT.matcher(text).find() ? "export { default } from '" + absolute + "';\n" : "");
        return Source.newBuilder("js", stub, entry).mimeType("application/javascript+module").buildLiteral();
    }

    /** The path inside the package of {@code /var/task/...}; refused if it is not inside. */
    static String inside(String absolute) {
        if (!absolute.startsWith(TASK)) {
            throw new Escape("'" + absolute + "' is outside the function's package (/var/task)");
        }
        return absolute.substring(TASK.length());
    }

    private static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** base joined with a relative path; refused if it climbs above the package. */
    private static String normalize(String base, String relative) {
        List<String> parts = new ArrayList<>();
        if (!base.isEmpty()) {
            parts.addAll(List.of(base.split("/")));
        }
        String rest = relative;
        if (relative.startsWith("/")) {
            if (!(relative + "/").startsWith(TASK)) {
                throw new Escape("'" + relative + "' is outside the function's package (/var/task)");
            }
            parts.clear();
            rest = relative.length() <= TASK.length() ? "" : relative.substring(TASK.length());
        }
        for (String part : rest.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new Escape("'" + relative + "' climbs out of the function's package: a function's modules"
                            + " load from its own files only");
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }
}
