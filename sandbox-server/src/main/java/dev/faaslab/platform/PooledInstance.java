package dev.faaslab.platform;

import dev.faaslab.runtime.ExecutionEnvironment;

/** An instance as its pool sees it: whether it is provisioned, and since when it has been idle. */
final class PooledInstance {

    final ExecutionEnvironment instance;
    final boolean provisioned;
    long idleSinceNanos;
    /** In the pool's idle list, waiting for a request. */
    boolean waiting;

    PooledInstance(ExecutionEnvironment instance, boolean provisioned) {
        this.instance = instance;
        this.provisioned = provisioned;
    }

    String id() {
        return instance.id();
    }
}
