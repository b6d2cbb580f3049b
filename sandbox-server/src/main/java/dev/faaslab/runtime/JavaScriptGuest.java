package dev.faaslab.runtime;

import dev.faaslab.time.Clock;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Node.js on GraalJS (ES modules, CommonJS, timers, the event loop); the deployment's {@link HandlerStyle}
 * adds how a handler is called and answers.
 */
final class JavaScriptGuest implements Guest {

    // An import or export statement starting a line, or following a semicolon or a block comment: ES module
    // syntax, which Node 22 detects in a .js file and then loads it as a module.
    private static final Pattern ES_MODULE_SYNTAX =
            Pattern.compile("(^|;|\\*/)\\s*(export\\s|export\\{|import\\s*[\\w{*'\"])", Pattern.MULTILINE);

    private final Context context;
    private final Deployment deployment;
    private final Clock clock;
    private final String configJson;
    private final HostCalls host;
    private final SdkDoor sdk;
    private final ProxyExecutable done = this::done;
    private Value invokeEntry;
    private Value stepEntry;
    private boolean finished;
    private boolean succeeded;
    private String payload;

    JavaScriptGuest(Context context, Deployment deployment, LogSink sink, Clock clock, String configJson, SdkDoor sdk) {
        this.context = context;
        this.deployment = deployment;
        this.clock = clock;
        this.configJson = configJson;
        this.host = new HostCalls(sink, clock);
        this.sdk = sdk;
    }

    static boolean isEsModule(String fileName, String code) {
        if (fileName.endsWith(".mjs")) {
            return true;
        }
        return !fileName.endsWith(".cjs") && ES_MODULE_SYNTAX.matcher(code).find();
    }

    static Source userSource(FunctionConfig config) {
        boolean module = isEsModule(config.fileName(), config.code());
        return Source.newBuilder("js", config.code(), config.fileName())
                .mimeType(module ? "application/javascript+module" : "application/javascript")
                .buildLiteral();
    }

    private Object done(Value... args) {
        succeeded = args[0].asBoolean();
        payload = args[1].asString();
        finished = true;
        return null;
    }

    @Override
    public FunctionError load() {
        PackageModules modules = deployment.modules();
        Value entry = context.eval(Engines.GuestSources.bootstrap(Language.NODEJS, deployment.style())).execute(host.record, host.now, done, configJson, sdk.executable,
                LibraryDoor.EXECUTABLE, modules == null ? null : modules.door());
        invokeEntry = entry.getMember("invoke");
        stepEntry = entry.getMember("step");
        Source code = deployment.source();
        Value namespace = null;
        try {
            if (code.getMimeType().endsWith("module")) {
                namespace = context.eval(code);
            } else {
                entry.invokeMember("prepareCommonJs");
                context.eval(code);
            }
        } catch (PolyglotException e) {
            if (e.isSyntaxError()) {
                return GuestErrors.syntax(e, deployment.config());
            }
            if (e.isGuestException() && !e.isCancelled() && !e.isInterrupted() && !e.isResourceExhausted()
                    && e.getGuestObject() != null && !e.getMessage().contains("Operation is not allowed for:")) {
                return GuestErrors.parse(entry.invokeMember("describeInitError", e.getGuestObject()).asString());
            }
            throw e;
        }
        Value missing = entry.invokeMember("resolveHandler", namespace);
        return missing.isNull() ? null : GuestErrors.parse(missing.asString());
    }

    @Override
    public Outcome invoke(Event event, String requestId, int attempt, long deadlineEpochMillis, long deadlineNanos)
            throws InterruptedException {
        finished = false;
        Object[] input = deployment.style().input(event);
        Object[] arguments = new Object[3 + input.length];
        arguments[0] = requestId;
        arguments[1] = deadlineEpochMillis;
        arguments[2] = attempt;
        System.arraycopy(input, 0, arguments, 3, input.length);
        try {
            invokeEntry.execute(arguments);
            while (!finished) {
                double next = stepEntry.execute().asDouble();
                if (finished) {
                    break;
                }
                if (next > 0) {
                    long waitMillis = (long) next - clock.epochMillis();
                    if (waitMillis > 0) {
                        clock.sleepUntil(Math.min(clock.nanoTime() + waitMillis * 1_000_000, deadlineNanos));
                    }
                }
                if (clock.nanoTime() - deadlineNanos >= 0) {
                    return null;
                }
            }
        } finally {
            LibraryDoor.forget();
        }
        return succeeded ? new Outcome.Success(payload) : new Outcome.Failure(GuestErrors.parse(payload));
    }
}
