package dev.faaslab.platform;

import dev.faaslab.core.InvalidInputException;
import dev.faaslab.runtime.CodePackage;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A function as a learner configures it: its code and Lambda's settings, plus the platform's scaling
 * settings. Validation happens here, once, with messages a learner can act on.
 *
 * @param name                   unique in its workspace: 1 to 64 letters, digits, hyphens, underscores
 * @param language               JavaScript (Node.js contract) or Python
 * @param handler                {@code module.function}
 * @param code                   the source text of the one module
 * @param memoryMb               128 to 10,240 MB
 * @param timeout                1 to 900 s
 * @param environment            the function's own variables
 * @param reservedConcurrency    null for none (the function shares the workspace's unreserved
 *                               concurrency), else a ceiling and a guarantee; 0 switches it off
 * @param provisionedConcurrency instances kept initialised for {@code $LATEST}, billed while configured
 * @param keepAlive              how long an idle instance stays warm before it is reclaimed
 * @param eventInvoke            how asynchronous invocations are retried, aged and sent on after failing
 * @param codePackage            its files, when it is a package of several (then {@code code} is its handler's
 *                               file's text, taken from the package), or null for one file
 * @param style                  the provider whose handler contract the code follows ({@code aws-lambda},
 *                               {@code cloudflare-workers} …; null for Lambda's); the runtime checks the name
 * @param bindings               what its {@code env} reaches by name ({@code "CACHE": "table:cache"}), as
 *                               Cloudflare's bindings; empty for none
 */
public record FunctionSpec(
        String name,
        Language language,
        HandlerName handler,
        String code,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        Integer reservedConcurrency,
        int provisionedConcurrency,
        Duration keepAlive,
        EventInvokeConfig eventInvoke,
        CodePackage codePackage,
        String style,
        Map<String, String> bindings) {

    /** The handler style a function follows when it names none: AWS Lambda's. */
    public static final String DEFAULT_STYLE = "aws-lambda";

    /** Lambda's idle lifetime is undocumented; ~10 minutes is what studies observed. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(10);
    public static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(1);
    public static final Duration MAX_KEEP_ALIVE = Duration.ofHours(4);
    /** Provisioned instances are real contexts on this machine; Python ones weigh tens of megabytes each. */
    public static final int MAX_PROVISIONED = 100;

    public FunctionSpec {
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(eventInvoke, "eventInvoke");
        environment = Map.copyOf(environment);
        style = style == null ? DEFAULT_STYLE : style;
        bindings = bindings == null ? Map.of() : Map.copyOf(bindings);
        if (codePackage != null) {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(handler, "handler");
            String entry = codePackage.entry(language, handler);
            code = codePackage.text(entry).orElseThrow(() -> new InvalidInputException("code",
                    "the handler's file " + entry + " is not UTF-8 text"));
        }
        // FunctionConfig checks the name, memory, timeout, handler and variables.
        toConfig(FunctionConfig.LATEST, name, language, handler, code, memoryMb, timeout, environment, codePackage,
                bindings);
        if (reservedConcurrency != null && reservedConcurrency < 0) {
            throw new InvalidInputException("reservedConcurrency", "reserved concurrency must be 0 or more, not " + reservedConcurrency
                    + " (0 switches the function off; leave it out for no reservation)");
        }
        if (provisionedConcurrency < 0 || provisionedConcurrency > MAX_PROVISIONED) {
            throw new InvalidInputException("provisionedConcurrency", "provisioned concurrency must be between 0 and " + MAX_PROVISIONED
                    + ", not " + provisionedConcurrency);
        }
        if (reservedConcurrency != null && provisionedConcurrency > reservedConcurrency) {
            throw new InvalidInputException("provisionedConcurrency", "provisioned concurrency (" + provisionedConcurrency
                    + ") cannot exceed reserved concurrency (" + reservedConcurrency + ")");
        }
        if (keepAlive.compareTo(MIN_KEEP_ALIVE) < 0 || keepAlive.compareTo(MAX_KEEP_ALIVE) > 0) {
            throw new InvalidInputException("keepAliveSeconds", "keep-alive must be between 1 second and 4 hours, not "
                    + keepAlive.toMillis() / 1000.0 + " s");
        }
    }

    /** A function of one file. */
    public FunctionSpec(String name, Language language, HandlerName handler, String code, int memoryMb,
                        Duration timeout, Map<String, String> environment, Integer reservedConcurrency,
                        int provisionedConcurrency, Duration keepAlive, EventInvokeConfig eventInvoke) {
        this(name, language, handler, code, memoryMb, timeout, environment, reservedConcurrency,
                provisionedConcurrency, keepAlive, eventInvoke, null, null, null);
    }

    /** A function of Lambda's style. */
    public FunctionSpec(String name, Language language, HandlerName handler, String code, int memoryMb,
                        Duration timeout, Map<String, String> environment, Integer reservedConcurrency,
                        int provisionedConcurrency, Duration keepAlive, EventInvokeConfig eventInvoke,
                        CodePackage codePackage) {
        this(name, language, handler, code, memoryMb, timeout, environment, reservedConcurrency,
                provisionedConcurrency, keepAlive, eventInvoke, codePackage, null, null);
    }

    /** The same settings, its code now these files (or, with null, the one file {@code newCode}). */
    public FunctionSpec withCode(String newCode, CodePackage newPackage) {
        return new FunctionSpec(name, language, handler, newCode, memoryMb, timeout, environment,
                reservedConcurrency, provisionedConcurrency, keepAlive, eventInvoke, newPackage, style, bindings);
    }

    /** A function with the default asynchronous invocation settings. */
    public FunctionSpec(String name, Language language, HandlerName handler, String code, int memoryMb,
                        Duration timeout, Map<String, String> environment, Integer reservedConcurrency,
                        int provisionedConcurrency, Duration keepAlive) {
        this(name, language, handler, code, memoryMb, timeout, environment, reservedConcurrency,
                provisionedConcurrency, keepAlive, EventInvokeConfig.DEFAULT);
    }

    /** A function with Lambda's defaults: 128 MB, 3 s, no variables, no reservation, 10 minutes' keep-alive. */
    public static FunctionSpec of(String name, Language language, String handler, String code) {
        return new FunctionSpec(name, language, HandlerName.parse(handler), code, FunctionConfig.DEFAULT_MEMORY_MB,
                FunctionConfig.DEFAULT_TIMEOUT, Map.of(), null, 0, DEFAULT_KEEP_ALIVE);
    }

    /** The file the code lives in, named after the handler's module: {@code index.js}, {@code lambda_function.py}. */
    public String fileName() {
        return codePackage != null ? codePackage.entry(language, handler) : fileName(language, handler);
    }

    /** Lambda's CodeSha256: of the zip for a package, of the file's UTF-8 bytes for one file. */
    public String codeSha256() {
        return codePackage != null ? codePackage.sha256()
                : CodePackage.sha256(code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What its code weighs against the code quotas: the zip for a package (as Lambda counts), else the file. */
    public long codeBytes() {
        return codePackage != null ? codePackage.zippedBytes()
                : code.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** What the runtime needs to run this code as {@code version}. */
    public FunctionConfig toConfig(String version) {
        return toConfig(version, name, language, handler, code, memoryMb, timeout, environment, codePackage, bindings);
    }

    public FunctionSpec withMemoryMb(int newMemoryMb) {
        return new FunctionSpec(name, language, handler, code, newMemoryMb, timeout, environment,
                reservedConcurrency, provisionedConcurrency, keepAlive, eventInvoke, codePackage, style, bindings);
    }

    public FunctionSpec withTimeout(Duration newTimeout) {
        return new FunctionSpec(name, language, handler, code, memoryMb, newTimeout, environment,
                reservedConcurrency, provisionedConcurrency, keepAlive, eventInvoke, codePackage, style, bindings);
    }

    public FunctionSpec withReservedConcurrency(Integer newReserved) {
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, environment,
                newReserved, provisionedConcurrency, keepAlive, eventInvoke, codePackage, style, bindings);
    }

    public FunctionSpec withKeepAlive(Duration newKeepAlive) {
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, environment,
                reservedConcurrency, provisionedConcurrency, newKeepAlive, eventInvoke, codePackage, style, bindings);
    }

    public FunctionSpec withEnvironment(Map<String, String> newEnvironment) {
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, newEnvironment,
                reservedConcurrency, provisionedConcurrency, keepAlive, eventInvoke, codePackage, style, bindings);
    }

    public FunctionSpec withStyle(String newStyle) {
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, environment,
                reservedConcurrency, provisionedConcurrency, keepAlive, eventInvoke, codePackage, newStyle, bindings);
    }

    public FunctionSpec withBindings(Map<String, String> newBindings) {
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, environment,
                reservedConcurrency, provisionedConcurrency, keepAlive, eventInvoke, codePackage, style, newBindings);
    }

    public FunctionSpec withEventInvoke(EventInvokeConfig newEventInvoke) {
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, environment,
                reservedConcurrency, provisionedConcurrency, keepAlive, newEventInvoke, codePackage, style, bindings);
    }

    private static String fileName(Language language, HandlerName handler) {
        // .js lets the runtime tell ES modules from CommonJS by their syntax, as Node 22 does.
        return handler.module() + (language == Language.NODEJS ? ".js" : ".py");
    }

    private static FunctionConfig toConfig(String version, String name, Language language, HandlerName handler,
                                           String code, int memoryMb, Duration timeout, Map<String, String> environment,
                                           CodePackage codePackage, Map<String, String> bindings) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(handler, "handler");
        FunctionConfig config = new FunctionConfig(name, version, language, handler, fileName(language, handler),
                codePackage != null ? "" : code, memoryMb, timeout, environment, null, bindings);
        return codePackage != null ? config.withPackage(codePackage) : config;
    }
}
