package dev.faaslab.runtime;

import dev.faaslab.time.Clock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/** Python on GraalPy; the deployment's {@link HandlerStyle} says how its handler is called ({@code lambda.py}). */
final class PythonGuest implements Guest {

    private final Context context;
    private final Deployment deployment;
    private final String configJson;
    private final HostCalls host;
    private final SdkDoor sdk;
    private Value invokeEntry;

    PythonGuest(Context context, Deployment deployment, LogSink sink, Clock clock, String configJson, SdkDoor sdk) {
        this.context = context;
        this.deployment = deployment;
        this.configJson = configJson;
        this.host = new HostCalls(sink, clock);
        this.sdk = sdk;
    }

    @Override
    public FunctionError load() {
        Value entries = context.eval(Engines.GuestSources.bootstrap(Language.PYTHON, deployment.style()))
                .execute(host.record, host.write, host.now, configJson, sdk.executable);
        Value loadEntry = entries.getArrayElement(0);
        invokeEntry = entries.getArrayElement(1);
        Value error = loadEntry.execute(deployment.config().code());
        return error.isNull() ? null : GuestErrors.parse(error.asString());
    }

    @Override
    public Outcome invoke(Event event, String requestId, int attempt, long deadlineEpochMillis,
                          long deadlineNanos) {
        String reply = invokeEntry.execute(deployment.style().pythonInput(event), requestId, deadlineEpochMillis, attempt).asString();
        return reply.charAt(0) == 'R'
                ? new Outcome.Success(reply.substring(1))
                : new Outcome.Failure(GuestErrors.parse(reply.substring(1)));
    }
}
