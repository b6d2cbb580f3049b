package dev.faaslab.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.ThreadLocalAction;
import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.ContextsListener;
import com.oracle.truffle.api.instrumentation.EventBinding;
import com.oracle.truffle.api.instrumentation.EventContext;
import com.oracle.truffle.api.instrumentation.ExecutionEventListener;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.nodes.LanguageInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link SandboxInstrument} lets the host do with one engine's contexts: measure the heap a
 * context retains, and halt a guest thread that cancelling its context did not stop.
 */
public final class SandboxControl {

    private final TruffleInstrument.Env env;
    /**
     * Each halted thread, and what is thrown into its guest at every function entry. Truffle passes a ThreadDeath
     * from a listener on to the guest's caller, and one made in advance (here, on the halting thread) costs no
     * stack to throw, so it works even at the bottom of a stack that is overflowing. One per halt, never shared:
     * Truffle keeps the guest frames of a throwable's first throw on the throwable itself, and a single one for
     * every halt carried the first halted learner's stack trace into every later halted invocation's error, whoever
     * it belonged to.
     */
    private final Map<Thread, ThreadDeath> halted = new ConcurrentHashMap<>();
    private volatile Assumption noneHalted = Truffle.getRuntime().createAssumption("no guest halted");
    /** The one thread that attaches and removes the halt's listener, in the order asked. */
    private final java.util.concurrent.ExecutorService listener = new java.util.concurrent.ThreadPoolExecutor(0, 1,
            10, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "faaslab-halt-listener");
                thread.setDaemon(true);
                return thread;
            });
    private volatile EventBinding<?> binding;

    /** The handle on the context the thread created last, kept until taken (see {@link #takeCreatedHandle}). */
    private final ThreadLocal<TruffleContext> created = new ThreadLocal<>();

    SandboxControl(TruffleInstrument.Env env) {
        this.env = env;
        // The halt's listener reaches each function on a guest's thread, as it first runs, and that thread may be
        // at the end of its stack: a Truffle class first loaded there can fail to initialise, and then fails in
        // every context of the process.
        for (String probe : List.of("com.oracle.truffle.api.instrumentation.ProbeNode",
                "com.oracle.truffle.api.instrumentation.ProbeNode$EventFilterChainNode",
                "com.oracle.truffle.api.instrumentation.ProbeNode$EventProviderWithInputChainNode")) {
            try {
                Class.forName(probe, true, TruffleInstrument.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // a different Truffle: nothing to prepare
            }
        }
        // Told of every context as it is built, on the thread that builds it: the handle comes for free,
        // where entering the context once to ask for it would cost each cold start.
        env.getInstrumenter().attachContextsListener(new ContextsListener() {
            @Override
            public void onContextCreated(TruffleContext context) {
                if (context.getParent() == null) {
                    created.set(context);
                }
            }

            @Override
            public void onLanguageContextCreated(TruffleContext context, LanguageInfo language) { }

            @Override
            public void onLanguageContextInitialized(TruffleContext context, LanguageInfo language) { }

            @Override
            public void onLanguageContextFinalized(TruffleContext context, LanguageInfo language) { }

            @Override
            public void onLanguageContextDisposed(TruffleContext context, LanguageInfo language) { }

            @Override
            public void onContextClosed(TruffleContext context) { }
        }, false);
    }

    /** The handle on the context the calling thread built last with this engine (call right after building it), or null. */
    Object takeCreatedHandle() {
        TruffleContext context = created.get();
        created.remove();
        return context;
    }

    /**
     * The heap that the context behind {@code handle} retains, counted up to {@code stopAtBytes} (the
     * walk ends there: a bomb costs no more to measure than the limit it broke). Its cost grows with the
     * number of objects: tens of milliseconds for a few large arrays, seconds for a million small objects.
     */
    long retainedBytes(Object handle, long stopAtBytes) {
        return env.calculateContextHeapSize((TruffleContext) handle, stopAtBytes, new AtomicBoolean());
    }

    /**
     * As {@link #retainedBytes}, for a context whose code is running on {@code thread}: the walk needs the
     * context entered, so it runs on that thread, at its next safepoint, which pauses the guest while it
     * is measured (what it holds cannot grow meanwhile). {@code measured} is given the result there, on that
     * thread, before its code goes on. Returns at once: nothing waits for the walk, so that every running
     * guest that may be past its limit is measured at the same time, each on its own thread (ten allocation
     * bombs measured one after another, each waited for, kept growing for seconds). Cancel the answer to give
     * up on a guest that has not reached a safepoint (it left the guest code, or its context closed).
     */
    java.util.concurrent.Future<Void> retainedBytesWhileRunning(Object handle, Thread thread, long stopAtBytes,
                                                                java.util.function.LongConsumer measured,
                                                                AtomicBoolean cancelled) {
        TruffleContext context = (TruffleContext) handle;
        return env.submitThreadLocal(context, new Thread[] {thread}, new ThreadLocalAction(false, false) {
            @Override
            protected void perform(Access access) {
                // The guest waits while it is walked, and a walk of millions of small objects takes
                // seconds: a limit that trips meanwhile cancels the walk, so the guest can be stopped.
                long retained;
                try {
                    retained = env.calculateContextHeapSize(context, stopAtBytes, cancelled);
                } catch (RuntimeException e) {
                    return; // cancelled, or the context is closing: not measured
                }
                measured.accept(retained);
            }
        });
    }

    /**
     * Makes every guest function that {@code thread} enters throw at once, until {@link #release}: called
     * only while the thread is still in the code being stopped (see Guard), and released by the thread
     * itself once it is out.
     * Cancelling a context throws at the guest's next safepoint, but a guest that recurses in a
     * {@code catch} near the end of its stack turns that into a stack overflow it catches, and goes on
     * forever. Halting leaves it no call to make: it can only unwind.
     *
     * <p>The halt is a listener on the learners' functions, attached at the first halt (which deoptimises
     * them once) and kept. Attaching takes Truffle's instrumentation lock, which a guest overflowing its stack
     * while it holds it can leave taken for good (a stack overflow thrown between a lock and its
     * {@code try}: JDK-8318888). So only the listener's own thread ({@code faaslab-halt-listener}) ever
     * attaches it: this returns at once, and a guest thread releasing its own halt never waits behind it.
     */
    @SuppressWarnings("removal")
    void halt(Thread thread) {
        synchronized (this) {
            halted.put(thread, new ThreadDeath());
            noneHalted.invalidate();
        }
        if (binding == null) {
            listener.execute(this::attach);
        }
    }

    /** Lets {@code thread} run guest code again. */
    void release(Thread thread) {
        synchronized (this) {
            if (halted.remove(thread) != null && halted.isEmpty()) {
                noneHalted = Truffle.getRuntime().createAssumption("no guest halted");
            }
        }
    }

    /** Runs on the listener's own thread only. */
    private void attach() {
        if (binding == null) {
            // The learner's functions only: a guest that must be halted is recursing through them, and leaving out
            // the runtime's own (the built-ins, the bootstrap) keeps the attach short and the wrappers few.
            SourceSectionFilter roots = SourceSectionFilter.newBuilder().tagIs(StandardTags.RootTag.class)
                    .includeInternal(false).build();
            binding = env.getInstrumenter().attachExecutionEventListener(roots, new ExecutionEventListener() {
                @Override
                public void onEnter(EventContext at, VirtualFrame frame) {
                    if (!noneHalted.isValid()) {
                        ThreadDeath halt = halted.get(Thread.currentThread());
                        if (halt != null) {
                            throw halt;
                        }
                    }
                }

                @Override
                public void onReturnValue(EventContext at, VirtualFrame frame, Object result) {
                }

                @Override
                public void onReturnExceptional(EventContext at, VirtualFrame frame, Throwable exception) {
                }
            });
        }
    }
}
