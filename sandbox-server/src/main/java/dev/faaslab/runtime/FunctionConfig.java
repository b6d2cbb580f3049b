package dev.faaslab.runtime;

import dev.faaslab.core.Identity;
import dev.faaslab.core.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything an instance needs to run a function: its code and Lambda's configuration.
 *
 * @param name        the function's name, unique in its workspace
 * @param version     {@code $LATEST} or a published version number
 * @param language    JavaScript (Node.js contract) or Python
 * @param handler     {@code module.function}; the module must be the code file's base name
 * @param fileName    the code's file name, as shown in locations ({@code index.mjs})
 * @param code        the source text
 * @param memoryMb    128 to 10,240 MB, as on Lambda; also the instance's memory budget here
 * @param timeout     1 to 900 seconds
 * @param environment the function's own environment variables (the host's are never visible)
 * @param codePackage its files when it has several (a deployment package, with {@code fileName} the handler's
 *                    module in it and {@code code} that file's text), or null for one file
 * @param bindings    the workspace's resources its {@code env} reaches by name, as Cloudflare's bindings do:
 *                    {@code "CACHE": "table:cache"}, {@code "PHOTOS": "bucket:photos"}, {@code "JOBS": "queue:jobs"}
 */
public record FunctionConfig(
        String name,
        String version,
        Language language,
        HandlerName handler,
        String fileName,
        String code,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        CodePackage codePackage,
        Map<String, String> bindings) {

    private static final Pattern BINDING = Pattern.compile("(table|bucket|queue):[A-Za-z0-9._-]{1,255}");

    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10_240;
    public static final int DEFAULT_MEMORY_MB = 128;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(900);
    public static final String LATEST = "$LATEST";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public FunctionConfig {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(timeout, "timeout");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("the function name '" + name
                    + "' must be 1 to 64 letters, digits, hyphens or underscores");
        }
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
            throw new InvalidInputException("memoryMb", "memory must be between " + MIN_MEMORY_MB + " and "
                    + MAX_MEMORY_MB + " MB, not " + memoryMb);
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidInputException("timeoutSeconds", "the timeout must be between 1 and 900 seconds, not "
                    + timeout.toMillis() / 1000.0);
        }
        String base = baseName(fileName);
        if (!base.equals(handler.module()) && !(codePackage != null && base.replace('/', '.').equals(handler.module()))) {
            throw new InvalidInputException("handler", "the handler '" + handler + "' names the module '"
                    + handler.module() + "', but the code is in " + fileName + ": use the handler "
                    + base + "." + handler.function());
        }
        environment = Map.copyOf(environment);
        for (String key : environment.keySet()) {
            if (!ENV_KEY.matcher(key).matches()) {
                throw new InvalidInputException("environment", "the environment variable name '" + key
                        + "' must start with a letter and hold only letters, digits and underscores");
            }
        }
        bindings = bindings == null ? Map.of() : Map.copyOf(bindings);
        for (Map.Entry<String, String> binding : bindings.entrySet()) {
            if (!ENV_KEY.matcher(binding.getKey()).matches()) {
                throw new InvalidInputException("bindings", "the binding name '" + binding.getKey()
                        + "' must start with a letter and hold only letters, digits and underscores");
            }
            if (environment.containsKey(binding.getKey())) {
                throw new InvalidInputException("bindings", "'" + binding.getKey() + "' is both a variable and a"
                        + " binding: env can hold only one of them, so rename one");
            }
            if (!BINDING.matcher(binding.getValue()).matches()) {
                throw new InvalidInputException("bindings", "the binding " + binding.getKey() + " is '"
                        + binding.getValue() + "': write what it reaches as table:NAME, bucket:NAME or queue:NAME");
            }
        }
        version = version == null ? LATEST : version;
    }

    /** A function of several files, without bindings. */
    public FunctionConfig(String name, String version, Language language, HandlerName handler, String fileName,
                          String code, int memoryMb, Duration timeout, Map<String, String> environment,
                          CodePackage codePackage) {
        this(name, version, language, handler, fileName, code, memoryMb, timeout, environment, codePackage, Map.of());
    }

    /** A function of one file. */
    public FunctionConfig(String name, String version, Language language, HandlerName handler, String fileName,
                          String code, int memoryMb, Duration timeout, Map<String, String> environment) {
        this(name, version, language, handler, fileName, code, memoryMb, timeout, environment, null, Map.of());
    }

    /** The function of this package's files, its handler's module the entry (refused if the package lacks it). */
    public FunctionConfig withPackage(CodePackage newPackage) {
        String entry = newPackage.entry(language, handler);
        String text = newPackage.text(entry).orElseThrow(() -> new InvalidInputException("code",
                "the handler's file " + entry + " is not UTF-8 text"));
        return new FunctionConfig(name, version, language, handler, entry, text, memoryMb, timeout, environment,
                newPackage, bindings);
    }

    /** A function with Lambda's defaults (128 MB, 3 s, no variables) for the code in {@code fileName}. */
    public static FunctionConfig of(String fileName, String code) {
        Language language = Language.fromFileName(fileName);
        String base = baseName(fileName);
        return new FunctionConfig(defaultName(base), LATEST, language,
                new HandlerName(base, language.defaultFunctionName()), fileName, code,
                DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Map.of());
    }

    public FunctionConfig withHandler(HandlerName newHandler) {
        if (codePackage != null) {
            // the entry is the new handler's module, found again in the package
            return new FunctionConfig(name, version, language, newHandler, newPackageEntryPlaceholder(newHandler), code,
                    memoryMb, timeout, environment, null, bindings).withPackage(codePackage);
        }
        return new FunctionConfig(name, version, language, newHandler, fileName, code, memoryMb, timeout, environment, codePackage, bindings);
    }

    public FunctionConfig withMemoryMb(int newMemoryMb) {
        return new FunctionConfig(name, version, language, handler, fileName, code, newMemoryMb, timeout, environment, codePackage, bindings);
    }

    public FunctionConfig withTimeout(Duration newTimeout) {
        return new FunctionConfig(name, version, language, handler, fileName, code, memoryMb, newTimeout, environment, codePackage, bindings);
    }

    public FunctionConfig withEnvironment(Map<String, String> newEnvironment) {
        return new FunctionConfig(name, version, language, handler, fileName, code, memoryMb, timeout, newEnvironment, codePackage, bindings);
    }

    public FunctionConfig withBindings(Map<String, String> newBindings) {
        return new FunctionConfig(name, version, language, handler, fileName, code, memoryMb, timeout, environment, codePackage, newBindings);
    }

    public FunctionConfig withName(String newName) {
        return new FunctionConfig(newName, version, language, handler, fileName, code, memoryMb, timeout, environment, codePackage, bindings);
    }

    /**
     * The account and region it runs in, as its guest sees them. The runtime does not know whose function it
     * runs, so it names the identity every workspace has ({@link Identity#SANDBOX}); callers that know the
     * workspace ask it.
     */
    public Identity identity() {
        return Identity.SANDBOX;
    }

    /** Its ARN in {@link #identity()}'s account. */
    public String arn() {
        return identity().functionArn(name);
    }

    public String logGroupName() {
        return Identity.logGroupName(name);
    }

    private String newPackageEntryPlaceholder(HandlerName newHandler) {
        return newHandler.module() + (language == Language.NODEJS ? ".js" : ".py");
    }

    /** The file's path without its extension: the handler's module ({@code src/app} for {@code src/app.mjs}). */
    static String baseName(String fileName) {
        int slash = fileName.lastIndexOf('/');
        int dot = fileName.lastIndexOf('.');
        return dot > slash + 1 ? fileName.substring(0, dot) : fileName;
    }

    private static String defaultName(String base) {
        String cleaned = base.replaceAll("[^A-Za-z0-9_-]", "-");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
