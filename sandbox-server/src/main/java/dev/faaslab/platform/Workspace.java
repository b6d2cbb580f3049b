package dev.faaslab.platform;

import dev.faaslab.billing.Usage;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.policy.ConcurrencyLimit;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.sdk.SdkRegistry;
import dev.faaslab.stream.EventHub;
import dev.faaslab.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One learner's share of the platform: their live functions, the concurrency they may use, their usage
 * and their live stream. Nothing in here is visible from another workspace.
 */
final class Workspace {

    private final WorkspaceId id;
    private final Clock clock;
    private final FunctionRuntime runtime;
    private final FunctionStore store;
    private final java.util.function.Supplier<PlatformLimits> limits;
    private final SdkRegistry sdk;
    private final EventHub hub = new EventHub();
    private final Usage usage = new Usage();
    private final Map<String, LiveFunction> functions = new ConcurrentHashMap<>();
    private final AtomicInteger unreservedInFlight = new AtomicInteger();
    private volatile int reservedTotal;
    private final Quarantine quarantine;

    Workspace(WorkspaceId id, Clock clock, FunctionRuntime runtime, FunctionStore store,
              java.util.function.Supplier<PlatformLimits> limits, SdkRegistry sdk, Quarantine quarantine) {
        this.id = id;
        this.quarantine = quarantine;
        this.sdk = sdk;
        this.clock = clock;
        this.runtime = runtime;
        this.store = store;
        this.limits = limits;
    }

    WorkspaceId id() {
        return id;
    }

    Clock clock() {
        return clock;
    }

    FunctionRuntime runtime() {
        return runtime;
    }

    /** Where this workspace's code runs now: the server's own runtime, or the quarantine's worker. */
    dev.faaslab.runtime.GuestHost host() {
        return quarantine.hostFor(id, runtime);
    }

    Quarantine quarantine() {
        return quarantine;
    }

    FunctionStore store() {
        return store;
    }

    /** The platform's limits, or this workspace's own (a class's quotas), as they are now. */
    PlatformLimits limits() {
        return limits.get();
    }

    SdkRegistry sdk() {
        return sdk;
    }

    EventHub hub() {
        return hub;
    }

    Usage usage() {
        return usage;
    }

    long epochSecond() {
        return clock.epochMillis() / 1000;
    }

    LiveFunction function(String name) {
        LiveFunction function = functions.get(name);
        if (function == null) {
            throw NotFoundException.function(name);
        }
        return function;
    }

    LiveFunction find(String name) {
        return functions.get(name);
    }

    Collection<LiveFunction> functions() {
        return functions.values();
    }

    /** The code the workspace keeps, in UTF-8 bytes: every function's {@code $LATEST} and published versions. */
    long codeStorageBytes() {
        long bytes = 0;
        for (LiveFunction function : functions.values()) {
            bytes += function.latestCodeBytes() + function.versionsStored().codeBytes();
        }
        return bytes;
    }

    void put(LiveFunction function) {
        functions.put(function.name(), function);
        reservedTotal = reservedTotal(null);
    }

    LiveFunction remove(String name) {
        LiveFunction removed = functions.remove(name);
        reservedTotal = reservedTotal(null);
        return removed;
    }

    /** Call after a function's reservation changed. */
    void reservationsChanged() {
        reservedTotal = reservedTotal(null);
    }

    /** Concurrency reserved by functions other than {@code except}. */
    int reservedTotal(String except) {
        int total = 0;
        for (LiveFunction function : functions.values()) {
            Integer reserved = function.spec().reservedConcurrency();
            if (reserved != null && !function.name().equals(except)) {
                total += reserved;
            }
        }
        return total;
    }

    /** What must stay unreserved, as Lambda keeps 100 of an account's 1,000 for functions without a reservation. */
    int minimumUnreserved() {
        return Math.max(1, limits().workspaceConcurrency() / 10);
    }

    /** A concurrency slot for one request of {@code function}, or the throttle that refuses it. */
    Admission admit(LiveFunction function) {
        Integer reserved = function.spec().reservedConcurrency();
        ConcurrencyLimit limit = ConcurrencyLimit.of(reserved, limits().workspaceConcurrency(), reservedTotal);
        if (reserved != null) {
            if (reserved == 0) {
                return new Admission(new Throttle(Throttle.Reason.ReservedFunctionConcurrentInvocationLimitExceeded,
                        "Rate Exceeded: '" + function.name() + "' has a reserved concurrency of 0, which switches it off."
                                + " Remove the reservation or raise it to invoke the function."), true);
            }
            if (!tryIncrement(function.inFlight, limit)) {
                return new Admission(new Throttle(Throttle.Reason.ReservedFunctionConcurrentInvocationLimitExceeded,
                        "Rate Exceeded: '" + function.name() + "' already has " + reserved + " requests in flight,"
                                + " its reserved concurrency. Raise the reservation or send fewer requests at once."), true);
            }
            return Admission.RESERVED;
        }
        if (!tryIncrement(unreservedInFlight, limit)) {
            return new Admission(new Throttle(Throttle.Reason.ConcurrentInvocationLimitExceeded,
                    "Rate Exceeded: the workspace already has " + limit.ceiling() + " requests in flight among functions"
                            + " without reserved concurrency, its limit. Send fewer requests at once."), false);
        }
        function.inFlight.incrementAndGet();
        return Admission.UNRESERVED;
    }

    void leave(LiveFunction function, Admission admission) {
        if (!admission.reserved()) {
            unreservedInFlight.decrementAndGet();
        }
        function.inFlight.decrementAndGet();
    }

    private static boolean tryIncrement(AtomicInteger counter, ConcurrencyLimit limit) {
        while (true) {
            int current = counter.get();
            if (!limit.admits(current)) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }
}
