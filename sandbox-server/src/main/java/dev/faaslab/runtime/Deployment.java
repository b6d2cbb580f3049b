package dev.faaslab.runtime;

import dev.faaslab.core.Identity;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * A function's code and configuration made ready to run: the parsed-once Source that every instance
 * shares (the engine caches its compiled code by it), and the environment instances see.
 */
public final class Deployment {

    private final FunctionRuntime runtime;
    private final FunctionConfig config;
    private final Source source;
    private final Map<String, String> environment;
    private final SdkBridge sdk;
    private final HandlerStyle style;

    Deployment(FunctionRuntime runtime, FunctionConfig config, SdkBridge sdk, HandlerStyle style) {
        this.runtime = runtime;
        this.config = config;
        this.sdk = sdk;
        this.style = style;
        this.source = config.language() == Language.NODEJS ? JavaScriptGuest.userSource(config) : null;
        this.environment = environment(config);
    }

    public FunctionConfig config() {
        return config;
    }

    /** The handler contract its instances follow. */
    public HandlerStyle style() {
        return style;
    }

    /** A new instance, not yet started: its first invocation is a cold start. */
    public FunctionInstance newInstance() {
        return new FunctionInstance(runtime, this);
    }

    /**
     * Parses the code without running it, so that a syntax error is refused when the function is saved
     * (with its file, line and column) rather than found at the first cold start.
     */
    public Optional<FunctionError> checkSyntax() {
        Language language = config.language();
        Source code = source != null ? source
                : Source.newBuilder(language.polyglotId(), config.code(), config.fileName()).buildLiteral();
        try (Context context = Context.newBuilder(language.polyglotId())
                .engine(runtime.engines().engine(language))
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            context.parse(code);
            return Optional.empty();
        } catch (PolyglotException e) {
            return e.isSyntaxError() ? Optional.of(GuestErrors.syntax(e, config)) : Optional.empty();
        }
    }

    Source source() {
        return source;
    }

    /** Where the instances' {@code faaslab} calls go. */
    SdkBridge sdk() {
        return sdk;
    }

    /** The function's variables plus the ones Lambda reserves, which win (Lambda refuses to set them). */
    Map<String, String> environment(String logStreamName) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        return all;
    }

    private static Map<String, String> environment(FunctionConfig config) {
        Map<String, String> all = new LinkedHashMap<>(config.environment());
        all.put("AWS_REGION", Identity.SANDBOX.region());
        all.put("AWS_DEFAULT_REGION", Identity.SANDBOX.region());
        all.put("AWS_EXECUTION_ENV", config.language() == Language.NODEJS ? "AWS_Lambda_nodejs22.x" : "AWS_Lambda_python3.11");
        all.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
        all.put("AWS_LAMBDA_FUNCTION_VERSION", config.version());
        all.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        all.put("AWS_LAMBDA_LOG_GROUP_NAME", config.logGroupName());
        all.put("LAMBDA_TASK_ROOT", "/var/task");
        all.put("_HANDLER", config.handler().toString());
        all.put("TZ", ":UTC");
        if (config.language() == Language.PYTHON) {
            // GraalPy has no compiled-in search path for zoneinfo; Lambda's Python finds the system's time zones.
            all.put("PYTHONTZPATH", "/usr/share/zoneinfo");
        }
        return Map.copyOf(all);
    }
}
