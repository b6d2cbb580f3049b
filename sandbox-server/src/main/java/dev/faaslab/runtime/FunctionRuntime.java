package dev.faaslab.runtime;

import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.time.Clock;

/**
 * The function runtime: shared engines, the watchdog that enforces limits, and the one clock. Make one
 * per process, {@link #deploy} functions on it, and start instances from the deployments.
 */
public final class FunctionRuntime implements GuestHost, AutoCloseable {

    private final Clock clock;
    private final java.time.Duration initTimeout;
    private final HandlerStyles styles;
    private final Engines engines;
    private final HeapMonitor heap = new HeapMonitor();
    private final Watchdog watchdog;
    private final java.util.List<java.util.function.LongConsumer> reclaimers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A runtime whose deployments follow {@code style} unless told otherwise, and know no other by name. */
    public FunctionRuntime(Clock clock, HandlerStyle style) {
        this(clock, HandlerStyles.of(style), FunctionInstance.INIT_TIMEOUT);
    }

    /** A runtime that knows {@code styles} by name; deployments follow their default unless told otherwise. */
    public FunctionRuntime(Clock clock, HandlerStyles styles) {
        this(clock, styles, FunctionInstance.INIT_TIMEOUT);
    }

    /**
     * As {@link #FunctionRuntime(Clock, HandlerStyle)}, with an Init phase capped at {@code initTimeout} instead of
     * Lambda's 10 s: for a test of what happens past the cap, which need not busy a core for ten seconds to see it.
     */
    FunctionRuntime(Clock clock, HandlerStyle style, java.time.Duration initTimeout) {
        this(clock, HandlerStyles.of(style), initTimeout);
    }

    private FunctionRuntime(Clock clock, HandlerStyles styles, java.time.Duration initTimeout) {
        this.initTimeout = java.util.Objects.requireNonNull(initTimeout, "initTimeout");
        this.clock = clock;
        this.styles = java.util.Objects.requireNonNull(styles, "styles");
        this.engines = new Engines(styles.standard());
        this.watchdog = new Watchdog(clock, heap);
        watchdog.onShortOfMemory(bytes -> reclaimers.forEach(reclaimer -> reclaimer.accept(bytes)));
    }

    /**
     * A function run on its own, without services: its {@code faaslab} calls fail with a message that says
     * services need the server. Checks nothing yet beyond the configuration itself; code problems show
     * at the first cold start.
     */
    public Deployment deploy(FunctionConfig config) {
        return new Deployment(this, config, SdkBridge.standalone(), styles.standard());
    }

    /** A function whose {@code faaslab} calls go through {@code sdk} (the platform's, scoped to its workspace). */
    public Deployment deploy(FunctionConfig config, SdkBridge sdk) {
        return new Deployment(this, config, sdk, styles.standard());
    }

    /** A function that follows {@code style} rather than the runtime's own; nothing else changes. */
    @Override
    public Deployment deploy(FunctionConfig config, SdkBridge sdk, HandlerStyle style) {
        return new Deployment(this, config, sdk, java.util.Objects.requireNonNull(style, "style"));
    }

    /** The handler contract deployments follow unless told otherwise. */
    public HandlerStyle style() {
        return styles.standard();
    }

    /** The styles this runtime knows by name. */
    public HandlerStyles styles() {
        return styles;
    }

    /** Whether guest code is compiled (starts the JavaScript engine if it has not started). */
    public RuntimeMode mode() {
        return engines.mode();
    }

    /** The mode if the JavaScript engine has started, without waiting for it: empty while it starts. */
    public java.util.Optional<RuntimeMode> modeIfStarted() {
        return engines.started(Language.NODEJS) ? java.util.Optional.of(engines.mode()) : java.util.Optional.empty();
    }

    /** Whether a language's engine has started; a first invocation in that language waits until it has. */
    public boolean started(Language language) {
        return engines.started(language);
    }

    /** Starts a language's engine now rather than at the first cold start; returns how long it took. */
    public long warmUp(Language language) {
        engines.engine(language);
        return engines.warmUpNanos(language);
    }

    Clock clock() {
        return clock;
    }

    /** How long an instance's Init phase may run before it is stopped (Lambda's 10 s, unless a test says less). */
    java.time.Duration initTimeout() {
        return initTimeout;
    }

    /**
     * Adds what reclaims idle instances when the server is short of memory: after a collection leaves
     * the heap past 70% of its capacity for long-lived data, each {@code reclaimer} (a platform on this runtime) is told how many
     * bytes to free. Closing the result removes it.
     */
    public Registration onShortOfMemory(java.util.function.LongConsumer reclaimer) {
        reclaimers.add(reclaimer);
        return () -> reclaimers.remove(reclaimer);
    }

    /**
     * Lets learners share the CPU: from now until the result is closed, an invocation that has used 50 ms of CPU
     * runs at the operating system's lowest priority until it ends (see CpuPriority for where that can be done;
     * elsewhere this changes nothing, and the log says why once).
     */
    public Registration shareCpu() {
        // -Dfaaslab.cpu.share=false leaves every run at one priority, to compare (the classroom bench).
        CpuPriority priority = Boolean.parseBoolean(System.getProperty("faaslab.cpu.share", "true"))
                ? CpuPriority.ofThisSystem().orElse(null) : null;
        watchdog.shareCpu(priority);
        return () -> watchdog.shareCpu(null);
    }

    /** Something added to the runtime, removed by closing it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    Engines engines() {
        return engines;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    @Override
    public void close() {
        watchdog.close();
        heap.close();
        engines.close();
    }
}
