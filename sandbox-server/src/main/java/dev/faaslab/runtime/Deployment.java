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
public final class Deployment implements DeployedFunction {

    private final FunctionRuntime runtime;
    private final FunctionConfig config;
    private final Source source;
    private final Map<String, String> environment;
    private final SdkBridge sdk;
    private final HandlerStyle style;
    /** A JavaScript package's modules and the I/O that serves them; null for one file or Python. */
    private final PackageModules modules;
    private final org.graalvm.polyglot.io.IOAccess moduleAccess;

    Deployment(FunctionRuntime runtime, FunctionConfig config, SdkBridge sdk, HandlerStyle style) {
        this.runtime = runtime;
        this.config = config;
        this.sdk = sdk;
        this.style = style;
        this.modules = config.language() == Language.NODEJS && config.codePackage() != null
                ? new PackageModules(config.codePackage()) : null;
        this.moduleAccess = modules == null ? GuestModules.IO : GuestModules.io(modules);
        this.source = config.language() == Language.NODEJS
                ? (modules == null ? JavaScriptGuest.userSource(config) : entrySource(config, modules, true)) : null;
        this.environment = style.variables(config, environment(config));
    }

    /**
     * A package's handler file: an ES module in a folder is reached through a stub that re-exports it, so that
     * its own imports resolve from its folder (GraalJS resolves a module evaluated from text from /var/task).
     */
    private static Source entrySource(FunctionConfig config, PackageModules modules, boolean stubFolders) {
        boolean esm = modules.isEsModule(PackageModules.TASK + config.fileName());
        if (esm && stubFolders && config.fileName().contains("/")) {
            return modules.entryStub(config.fileName());
        }
        return Source.newBuilder("js", config.code(), config.fileName())
                .mimeType(esm ? "application/javascript+module" : "application/javascript").buildLiteral();
    }

    private java.nio.file.FileSystem taskFolder;

    /**
     * A Python package's files, read-only, at /var/task of an in-memory file system made on first use and shared
     * by every instance; null for one file.
     */
    synchronized java.nio.file.FileSystem taskFolder() {
        if (taskFolder == null && config.codePackage() != null && config.language() == Language.PYTHON) {
            taskFolder = InstanceFiles.folderOf(config.codePackage());
        }
        return taskFolder;
    }

    /** The package's modules, for a JavaScript function of several files; else null. */
    PackageModules modules() {
        return modules;
    }

    /** What a JavaScript instance is given for I/O: the SDK and Node's modules, and the package's if it has one. */
    org.graalvm.polyglot.io.IOAccess moduleAccess() {
        return moduleAccess;
    }

    @Override
    public FunctionConfig config() {
        return config;
    }

    /** The handler contract its instances follow. */
    @Override
    public HandlerStyle style() {
        return style;
    }

    /** A new instance, not yet started: its first invocation is a cold start. */
    @Override
    public FunctionInstance newInstance() {
        return new FunctionInstance(runtime, this, Ids.instanceId());
    }

    /** As {@link #newInstance()}, under an id chosen elsewhere (a worker process serving its parent's instance). */
    public FunctionInstance newInstance(String id) {
        return new FunctionInstance(runtime, this, java.util.Objects.requireNonNull(id, "id"));
    }

    /**
     * Parses the code without running it, so that a syntax error is refused when the function is saved
     * (with its file, line and column) rather than found at the first cold start.
     */
    public Optional<FunctionError> checkSyntax() {
        Language language = config.language();
        Source code = modules != null ? entrySource(config, modules, false) : source != null ? source
                : Source.newBuilder(language.polyglotId(), config.code(), config.fileName()).buildLiteral();
        try (Context context = Context.newBuilder(language.polyglotId())
                .engine(runtime.engines().engine(language))
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            context.parse(code);
            for (Source module : ownModules()) {
                context.parse(module);
            }
            return Optional.empty();
        } catch (PolyglotException e) {
            return e.isSyntaxError() ? Optional.of(GuestErrors.syntax(e, config)) : Optional.empty();
        }
    }

    /** At most this many of a package's own modules are parsed when it is saved; the rest, when first loaded. */
    private static final int MODULES_CHECKED = 200;

    /**
     * A package's own modules besides the handler's (not its node_modules: the learner did not write those), so that
     * a syntax error in any of them is refused when the package is saved, naming its file and line.
     */
    private java.util.List<Source> ownModules() {
        CodePackage files = config.codePackage();
        if (files == null) {
            return java.util.List.of();
        }
        java.util.List<Source> modules = new java.util.ArrayList<>();
        for (String path : files.files().keySet()) {
            if (modules.size() == MODULES_CHECKED || path.equals(config.fileName()) || path.startsWith("node_modules/")
                    || path.contains("/node_modules/")) {
                continue;
            }
            String absolute = PackageModules.TASK + path;
            if (config.language() == Language.NODEJS && path.matches(".*\\.(m|c)?js")) {
                boolean esm = this.modules.isEsModule(absolute);
                modules.add(esm ? Source.newBuilder("js", files.text(path).orElse(""), absolute)
                        .mimeType("application/javascript+module").buildLiteral() : this.modules.commonJs(absolute));
            } else if (config.language() == Language.PYTHON && path.endsWith(".py")) {
                modules.add(Source.newBuilder("python", files.text(path).orElse(""), absolute).buildLiteral());
            }
        }
        return modules;
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
        if (all.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
            all.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        }
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
