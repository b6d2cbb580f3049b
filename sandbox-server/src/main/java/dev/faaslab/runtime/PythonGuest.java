package dev.faaslab.runtime;

import dev.faaslab.time.Clock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** Lambda's Python contract, {@code def handler(event, context)}, on GraalPy. */
final class PythonGuest implements Guest {

    private final Context context;
    private final Deployment deployment;
    private final String configJson;
    private final ProxyExecutable record;
    private final ProxyExecutable write;
    private final ProxyExecutable now;
    private Value invokeEntry;

    PythonGuest(Context context, Deployment deployment, LogSink sink, Clock clock, String configJson) {
        this.context = context;
        this.deployment = deployment;
        this.configJson = configJson;
        this.record = args -> {
            sink.record(LogLevel.fromGuest(args[0].asString()), args[1].asString());
            return null;
        };
        this.write = args -> {
            sink.write(LogLevel.fromGuest(args[0].asString()), args[1].asString());
            return null;
        };
        this.now = args -> clock.epochMillis();
    }

    @Override
    public FunctionError load() {
        Value entries = context.eval(Engines.GuestSources.bootstrap(Language.PYTHON))
                .execute(record, write, now, configJson);
        Value loadEntry = entries.getArrayElement(0);
        invokeEntry = entries.getArrayElement(1);
        Value error = loadEntry.execute(deployment.config().code());
        return error.isNull() ? null : GuestErrors.parse(error.asString());
    }

    @Override
    public Outcome invoke(String eventJson, String requestId, long deadlineEpochMillis, long deadlineNanos) {
        String reply = invokeEntry.execute(eventJson, requestId, deadlineEpochMillis).asString();
        return reply.charAt(0) == 'R'
                ? new Outcome.Success(reply.substring(1))
                : new Outcome.Failure(GuestErrors.parse(reply.substring(1)));
    }
}
