package dev.faaslab.runtime;

import dev.faaslab.runtime.sdk.SdkBridge;

/**
 * Where learners' code runs: this process ({@link FunctionRuntime}) or a worker process with a heap of its own
 * ({@code dev.faaslab.runtime.worker.WorkerProcess}). The platform deploys through one and never sees which.
 */
public interface GuestHost {

    /** A function whose {@code faaslab} calls go through {@code sdk}, following {@code style}. */
    DeployedFunction deploy(FunctionConfig config, SdkBridge sdk, HandlerStyle style);
}
