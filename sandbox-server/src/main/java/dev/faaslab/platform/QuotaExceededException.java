package dev.faaslab.platform;

/**
 * A request the workspace's quotas refuse: nothing was saved, published or queued.
 *
 * @see Quotas
 */
public final class QuotaExceededException extends RuntimeException {

    private final Quota quota;
    private final long limit;

    QuotaExceededException(Quota quota, long limit, String message) {
        super(message);
        this.quota = quota;
        this.limit = limit;
    }

    public Quota quota() {
        return quota;
    }

    /** The quota's figure: a count, or bytes. */
    public long limit() {
        return limit;
    }
}
