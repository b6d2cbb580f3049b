package dev.faaslab.platform;

import dev.faaslab.runtime.FunctionError;
import dev.faaslab.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps each function's provisioned instances at its configured number, starting new ones in the background. */
final class Provisioning {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final Clock clock;
    private final ExecutorService background = Executors.newFixedThreadPool(2, Thread.ofPlatform()
            .name("faaslab-background-", 0).daemon(true).factory());

    Provisioning(Clock clock) {
        this.clock = clock;
    }

    /** Brings the {@code $LATEST} pool's provisioned instances to the configured number, initialising new ones. */
    void provision(LiveFunction function) {
        InstancePool pool = function.latestPool();
        List<PooledInstance> surplus = new ArrayList<>();
        List<PooledInstance> added = pool.provision(function.spec().provisionedConcurrency(), surplus);
        close(surplus);
        for (PooledInstance pooled : added) {
            function.changed(pool, pooled, "initialising");
            background.execute(() -> {
                Optional<FunctionError> failed = pooled.instance.initialise();
                failed.ifPresent(error -> LOG.info("a provisioned instance of {} failed to start: {}",
                        function.name(), error.describe()));
                boolean ready = pool.provisionedReady(pooled, clock.nanoTime());
                function.changed(pool, pooled, ready ? "idle" : "discarded");
            });
        }
    }

    static void close(List<PooledInstance> instances) {
        instances.forEach(pooled -> pooled.instance.close());
    }

    /** Stops starting instances (those half started are closed with their functions); {@link #awaitStopped} waits. */
    void stop() {
        background.shutdownNow();
    }

    void awaitStopped() throws InterruptedException {
        background.awaitTermination(5, TimeUnit.SECONDS);
    }
}
