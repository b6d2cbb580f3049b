package dev.faaslab.events.stream;

/**
 * Where a mapping is in its stream, kept in the database so that a restart goes on from there.
 *
 * @param sequence   the last record handed over for good (succeeded, or given up)
 * @param attempts   failed attempts of the batch after it
 * @param batchLimit how far bisection has cut that batch (0: the mapping's batch size)
 */
public record Checkpoint(long sequence, int attempts, int batchLimit) {

    /** Past the records up to {@code sequence}, a fresh batch next. */
    static Checkpoint after(long sequence) {
        return new Checkpoint(sequence, 0, 0);
    }
}
