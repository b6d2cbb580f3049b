package dev.faaslab.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.EventContext;
import com.oracle.truffle.api.instrumentation.ExecutionEventListener;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;

/**
 * What {@link SandboxInstrument} lets the host do with one engine's contexts: measure the heap a
 * context retains, and halt a guest thread that cancelling its context did not stop.
 */
public final class SandboxControl {

    /**
     * Thrown into a halted guest at every function entry. Truffle passes a ThreadDeath from a listener
     * on to the guest's caller, and one made in advance costs no stack to throw, so it works even at
     * the bottom of a stack that is overflowing.
     */
    @SuppressWarnings("removal")
    private static final ThreadDeath HALT = new ThreadDeath();

    private final TruffleInstrument.Env env;
    private final Set<Thread> halted = ConcurrentHashMap.newKeySet();
    private volatile Assumption noneHalted = Truffle.getRuntime().createAssumption("no guest halted");
    private boolean listening;

    SandboxControl(TruffleInstrument.Env env) {
        this.env = env;
    }

    /** The instrument's handle on {@code context}; enters it for an instant on the calling thread. */
    Object handle(Context context) {
        context.enter();
        try {
            return env.getEnteredContext();
        } finally {
            context.leave();
        }
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
     * Makes every guest function that {@code thread} enters throw at once, until {@link #release}: called
     * only while the thread is still in the code being stopped (see Guard), and released by the thread
     * itself once it is out.
     * Cancelling a context throws at the guest's next safepoint, but a guest that recurses in a
     * {@code catch} near the end of its stack turns that into a stack overflow it catches, and goes on
     * forever. Halting leaves it no call to make: it can only unwind. The first halt instruments every
     * function of the engine (a one-time deoptimisation); until then it costs nothing.
     */
    synchronized void halt(Thread thread) {
        halted.add(thread);
        noneHalted.invalidate();
        if (!listening) {
            listening = true;
            SourceSectionFilter roots = SourceSectionFilter.newBuilder().tagIs(StandardTags.RootTag.class).build();
            env.getInstrumenter().attachExecutionEventListener(roots, new ExecutionEventListener() {
                @Override
                public void onEnter(EventContext at, VirtualFrame frame) {
                    if (!noneHalted.isValid() && halted.contains(Thread.currentThread())) {
                        throw HALT;
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

    /** Lets {@code thread} run guest code again. */
    synchronized void release(Thread thread) {
        if (halted.remove(thread) && halted.isEmpty()) {
            noneHalted = Truffle.getRuntime().createAssumption("no guest halted");
        }
    }
}
