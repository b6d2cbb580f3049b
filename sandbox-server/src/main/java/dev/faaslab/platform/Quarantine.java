package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.GuestHost;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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

    private final Set<WorkspaceId> held = ConcurrentHashMap.newKeySet();
    private volatile GuestHost worker;
    private volatile Consumer<WorkspaceId> mover = id -> { };

    /** Turns the quarantine on: offending workspaces' code runs on {@code host} from their next cold start. */
    void runIn(GuestHost host) {
        this.worker = java.util.Objects.requireNonNull(host, "host");
    }

    /** What moves a newly held workspace's instances (retires its pools), before the offending call returns. */
    void onAdmit(Consumer<WorkspaceId> move) {
        this.mover = move;
    }

    /** Where {@code id}'s code runs: the worker if it is held, else {@code local}. */
    GuestHost hostFor(WorkspaceId id, GuestHost local) {
        GuestHost host = worker;
        return host != null && held.contains(id) ? host : local;
    }

    int count() {
        return worker == null ? 0 : held.size();
    }

    boolean holds(WorkspaceId id) {
        return worker != null && held.contains(id);
    }

    /**
     * Whether {@code error} ends a workspace's stay in the server's own process: a limit the watchdog enforces, which
     * code meets by looping, recursing into big numbers or allocating without end. A function's own error does not.
     */
    static boolean isOffence(FunctionError error) {
        return error != null && (error.kind() == ErrorKind.TIMEOUT || error.kind() == ErrorKind.MEMORY);
    }

    /**
     * Holds {@code id} from now on if {@code error} is an offence and the quarantine is on; returns whether it was
     * newly held (the caller tells the learner), once its functions' pools have moved: the workspace's next request
     * starts on the worker.
     */
    boolean admit(WorkspaceId id, FunctionError error) {
        if (worker == null || !isOffence(error) || !held.add(id)) {
            return false;
        }
        mover.accept(id);
        return true;
    }
}
