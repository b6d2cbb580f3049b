package dev.faaslab.runtime.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.DeployedFunction;
import dev.faaslab.runtime.ExecutionEnvironment;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.time.Duration;

/**
 * A deployment whose instances run in a worker process. The worker is given the code when the first instance needs
 * it, and again if the worker has started afresh since; it forgets it once nothing here refers to it any more.
 */
final class RemoteDeployment implements DeployedFunction {

    /** Parsing a package's modules in the worker can take a while on a busy machine; past this, it is stuck. */
    private static final Duration DEPLOY_WAIT = Duration.ofSeconds(60);

    private final WorkerProcess worker;
    private final FunctionConfig config;
    private final SdkBridge sdk;
    private final HandlerStyle style;
    private WorkerConnection deployedOn;
    private long remoteId;

    RemoteDeployment(WorkerProcess worker, FunctionConfig config, SdkBridge sdk, HandlerStyle style) {
        this.worker = worker;
        this.config = config;
        this.sdk = sdk;
        this.style = style;
    }

    @Override
    public FunctionConfig config() {
        return config;
    }

    @Override
    public HandlerStyle style() {
        return style;
    }

    @Override
    public ExecutionEnvironment newInstance() {
        return new RemoteEnvironment(worker, this);
    }

    /** The worker's id for this deployment on the live connection, deploying it there first if need be. */
    synchronized long deployedOn(WorkerConnection connection) throws WorkerConnection.Gone {
        if (deployedOn == connection) {
            return remoteId;
        }
        long id = connection.nextId();
        connection.route(id, sdk);
        ObjectNode message = Wire.message(id, "deploy");
        message.put("deployment", id);
        message.set("config", Wire.config(config));
        message.put("style", style.name());
        connection.call(message, DEPLOY_WAIT, null, null);
        deployedOn = connection;
        remoteId = id;
        // The worker keeps the code until this deployment is unreachable here (its pool retired and its instances gone).
        WorkerProcess.CLEANER.register(this, () -> connection.forget(id));
        return id;
    }
}
