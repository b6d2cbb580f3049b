package dev.faaslab.runtime;

/** A function's code and configuration, ready to start execution environments wherever its host runs them. */
public interface DeployedFunction {

    FunctionConfig config();

    /** The handler contract its environments follow. */
    HandlerStyle style();

    /** A new environment, not yet started: its first invocation is a cold start. */
    ExecutionEnvironment newInstance();
}
