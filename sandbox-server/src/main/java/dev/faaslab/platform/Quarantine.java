package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.GuestHost;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Where each workspace's code runs. Every workspace starts in the server's own process, where a cold start takes a
 * millisecond. On a shared server (a classroom), a workspace whose code runs into a limit the watchdog enforces (its
 * timeout or its memory size) moves here for as long as the server runs: to a worker process with a heap of its own,
 * at the lowest CPU priority. One server heap cannot keep ten memory bombs from stopping every thread for the garbage
 * collector, nor an endless loop from taking a core; a worker's heap and priority can. The move is told in the
 * function's log; the learner's functions work as before, at the worker's pace.
 *
 * <p>Off (the default, and in local mode: one learner has nobody to be protected from) until a worker is given.
 */
final class Quarantine {

    /** What moves a newly held workspace's functions, told why (for their logs). */
    @FunctionalInterface
    interface Mover {
        void move(WorkspaceId id, String why, String requestId);
    }

    private final Set<WorkspaceId> held = ConcurrentHashMap.newKeySet();
    /** A grading's scratch workspace to the learner whose submission it runs: it runs where their code runs. */
    private final Map<WorkspaceId, WorkspaceId> gradings = new ConcurrentHashMap<>();
    /** The scratch workspaces of gradings that run on the worker, their learner being held when they began. */
    private final Set<WorkspaceId> heldGradings = ConcurrentHashMap.newKeySet();
    private volatile GuestHost worker;
    private volatile Mover mover = (id, why, requestId) -> { };

    /** Turns the quarantine on: offending workspaces' code runs on {@code host} from their next cold start. */
    void runIn(GuestHost host) {
        this.worker = java.util.Objects.requireNonNull(host, "host");
    }

    /** What moves a newly held workspace's instances (retires its pools), before the offending call returns. */
    void onAdmit(Mover move) {
        this.mover = move;
    }

    /** Where {@code id}'s code runs: the worker if it is held, else {@code local}. */
    GuestHost hostFor(WorkspaceId id, GuestHost local) {
        GuestHost host = worker;
        return host != null && (held.contains(id) || heldGradings.contains(id)) ? host : local;
    }

    int count() {
        return worker == null ? 0 : held.size();
    }

    boolean holds(WorkspaceId id) {
        return worker != null && held.contains(id);
    }

    /**
     * Runs the grading in {@code scratch} for {@code learner}'s submission where the learner's code runs as it begins,
     * for the whole grading (its retries too: a grading that began in the server's process keeps its fair second
     * chance there); an offence in it counts as the learner's. Closing the result ends that.
     */
    Platform.Registration grading(WorkspaceId scratch, WorkspaceId learner) {
        gradings.put(scratch, learner);
        if (holds(learner)) {
            heldGradings.add(scratch);
        }
        return () -> {
            gradings.remove(scratch);
            heldGradings.remove(scratch);
        };
    }

    /**
     * Whether {@code error} ends a workspace's stay in the server's own process: a limit the watchdog enforces, which
     * code meets by looping, recursing into big numbers or allocating without end. A function's own error does not.
     */
    static boolean isOffence(FunctionError error) {
        return error != null && (error.kind() == ErrorKind.TIMEOUT || error.kind() == ErrorKind.MEMORY);
    }

    /**
     * Holds the workspace from now on if {@code error} is an offence and the quarantine is on (a grading's learner, for
     * a grading's offence), once its functions have moved and their logs say why: its next request starts on the
     * worker. Returns whether it was newly held.
     *
     * @param function what ran into the limit, for the log ("hello", or a submission's check)
     */
    boolean admit(WorkspaceId id, FunctionError error, String function, String requestId) {
        if (worker == null || !isOffence(error)) {
            return false;
        }
        WorkspaceId learner = gradings.getOrDefault(id, id);
        if (!held.add(learner)) {
            return false;
        }
        String limit = error.kind() == ErrorKind.TIMEOUT ? "timeout" : "memory size";
        String what = gradings.containsKey(id) ? "a check of your submission to an exercise ran into its " + limit
                : "an invocation of " + function + " ran into its " + limit;
        mover.move(learner, "This workspace's functions now run in the quarantine: a worker process with a heap of"
                + " its own, at the lowest CPU priority, because " + what + ". On a shared server, code that loops"
                + " or allocates without end would otherwise slow every other learner's functions. Yours work as"
                + " before, from their next cold start, at the worker's pace; the server's restart brings them"
                + " back.", requestId);
        return true;
    }
}
