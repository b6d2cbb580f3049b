package dev.faaslab.cli;

import dev.faaslab.style.Styles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.Deployment;
import dev.faaslab.runtime.CodePackage;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.FunctionInstance;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.time.Clock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code faaslab invoke}: runs a function file once (or N times on one instance), like {@code sam local invoke}. */
@Command(name = "invoke",
        mixinStandardHelpOptions = true,
        description = {"Run a function locally: the result as JSON on stdout, its logs and REPORT lines on stderr.",
                "With --repeat N the same instance serves every request: the first is a cold start, the rest are warm."},
        footer = {"", ExitCode.TABLE})
final class InvokeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The function's code: .js, .mjs, .cjs (Node.js) or .py (Python);"
            + " or a folder or a .zip of several files (Lambda's deployment package), its handler index.handler or"
            + " lambda_function.lambda_handler unless --handler names another.")
    Path file;

    @Option(names = "--event", paramLabel = "JSON|@FILE|-", defaultValue = "{}",
            description = "The event: inline JSON, @file.json, or - to read standard input (default: ${DEFAULT-VALUE}).")
    String event;

    @Option(names = "--handler", paramLabel = "MODULE.FUNCTION",
            description = "The handler, as Lambda names it (default: FILE's name with .handler for Node.js, .lambda_handler for Python).")
    String handler;

    @Option(names = "--style", paramLabel = "STYLE", defaultValue = "aws-lambda",
            description = "The provider's handler style the code follows: aws-lambda, cloudflare-workers, gcp-functions,"
                    + " azure-functions or netlify (default: ${DEFAULT-VALUE}). The event then reaches it as that"
                    + " provider's direct call would (a Worker's fetch gets a POST of the JSON).")
    String style;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "The timeout, 1 to 900 seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--memory", paramLabel = "MB", defaultValue = "128",
            description = "The memory size, 128 to 10240 MB (default: ${DEFAULT-VALUE}).")
    int memoryMb;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Send N invocations to the same instance (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An environment variable for the function (repeatable).")
    Map<String, String> environment = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat < 1) {
            return usage(err, "--repeat must be at least 1, not " + repeat);
        }
        String code = null;
        CodePackage files = null;
        try {
            if (Files.isDirectory(file)) {
                files = CodePackage.fromFiles(folder(file));
            } else if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                files = CodePackage.fromZip(Files.readAllBytes(file));
            } else {
                code = Files.readString(file);
            }
        } catch (NoSuchFileException e) {
            return usage(err, "no such file: " + file);
        } catch (IOException e) {
            return usage(err, "cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, file + ": " + e.getMessage());
        }
        FunctionConfig config;
        HandlerStyle handlerStyle;
        String eventJson;
        try {
            config = (files != null ? packageConfig(files) : FunctionConfig.of(file.getFileName().toString(), code))
                    .withMemoryMb(memoryMb)
                    .withTimeout(Duration.ofSeconds(timeoutSeconds))
                    .withEnvironment(environment);
            handlerStyle = Styles.all().named(style);
            if (handler != null && files == null) {
                config = config.withHandler(HandlerName.parse(handler));
            } else if (files == null) {
                // The style's default function name on this file's module (a Worker's default export, …)
                config = config.withHandler(new HandlerName(config.handler().module(),
                        HandlerName.parse(handlerStyle.defaultHandler(config.language())).function()));
            }
            var refusal = handlerStyle.refusal(config);
            if (refusal.isPresent()) {
                return usage(err, refusal.get());
            }
            eventJson = EventReader.read(event, System.in);
            Payloads.checkEvent(eventJson);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (EventReader.BadEventException e) {
            return usage(err, e.getMessage());
        }
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all())) {
            if (runtime.mode() == RuntimeMode.INTERPRETED) {
                err.println(RuntimeMode.INTERPRETED_WARNING);
            }
            if (config.language() == Language.PYTHON) {
                double seconds = runtime.warmUp(Language.PYTHON) / 1e9;
                err.printf(Locale.ROOT, "faaslab: the Python runtime started in %.1f s (once per process; not part of any cold start)%n", seconds);
            }
            return run(runtime.deploy(config, SdkBridge.standalone(), handlerStyle), eventJson, out, err);
        }
    }

    private int run(Deployment deployment, String eventJson, PrintWriter out, PrintWriter err) {
        FunctionInstance instance = deployment.newInstance();
        int exit = ExitCode.OK;
        try {
            for (int i = 0; i < repeat; i++) {
                if (instance.state() == FunctionInstance.State.DISCARDED) {
                    instance = deployment.newInstance(); // as on Lambda, the next request gets a fresh instance
                }
                InvocationResult result = instance.invoke(eventJson);
                result.logText(deployment.config().version()).forEach(err::println);
                out.println(result.outcome() instanceof Outcome.Success(String json)
                        ? json : result.errorPayload(deployment.config().language()));
                out.flush();
                err.flush();
                exit = ExitCode.of(result.error());
            }
        } finally {
            instance.close();
        }
        return exit;
    }

    /** A folder's files by their paths inside it; Git's own folder is not part of a function. */
    private static Map<String, byte[]> folder(Path root) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String inside = root.relativize(path).toString().replace('\\', '/');
                if (!inside.startsWith(".git/")) {
                    files.put(inside, Files.readAllBytes(path));
                }
            }
        }
        return files;
    }

    /**
     * A package's function: its handler as --handler names it, else Lambda's default for the language whose
     * default file it holds (index.js/.mjs/.cjs, lambda_function.py).
     */
    private FunctionConfig packageConfig(CodePackage files) {
        HandlerName named = handler == null ? null : HandlerName.parse(handler);
        for (Language language : Language.values()) {
            HandlerName candidate = named != null ? named
                    : new HandlerName(language == Language.NODEJS ? "index" : "lambda_function", language.defaultFunctionName());
            try {
                String entry = files.entry(language, candidate);
                String name = file.getFileName().toString().replaceFirst("(?i)\\.zip$", "").replaceAll("[^A-Za-z0-9_-]", "-");
                return new FunctionConfig(name.isEmpty() ? "function" : name.substring(0, Math.min(64, name.length())),
                        null, language, candidate, entry, "", FunctionConfig.DEFAULT_MEMORY_MB, FunctionConfig.DEFAULT_TIMEOUT,
                        Map.of()).withPackage(files);
            } catch (IllegalArgumentException e) {
                // not this language's module: try the next
            }
        }
        String modules = String.join(", ", files.files().keySet().stream()
                .filter(path -> path.matches("[^/]*\\.(m|c)?js|[^/]*\\.py")).limit(8).toList());
        throw new IllegalArgumentException(named != null
                ? "the package has no module for the handler " + named + " (" + named.module() + ".js, .mjs, .cjs or .py)"
                : "the package has neither index.js (.mjs, .cjs) nor lambda_function.py: name the handler with --handler"
                        + (modules.isEmpty() ? "" : " (its modules: " + modules + ")"));
    }

    private static int usage(PrintWriter err, String message) {
        err.println("faaslab invoke: " + message);
        err.flush();
        return ExitCode.USAGE;
    }
}
