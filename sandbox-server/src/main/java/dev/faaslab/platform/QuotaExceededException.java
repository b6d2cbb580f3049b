package dev.faaslab.platform;

import dev.faaslab.core.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the workspace's quotas refuse: nothing was saved, published or queued.
 *
 * @see Quotas
 */
public final class QuotaExceededException extends RuntimeException implements Problem {

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

    /** {@code QuotaExceeded}: 429 for too many (functions, versions, waiting events), 413 for too large. */
    @Override
    public String code() {
        return "QuotaExceeded";
    }

    @Override
    public int status() {
        return quota.kind() == Quota.Kind.TOO_MANY ? 429 : 413;
    }

    /** Lambda's names, as its Invoke API answers them. */
    @Override
    public String sdkName() {
        return quota.kind() == Quota.Kind.TOO_MANY ? "TooManyRequestsException" : "RequestTooLargeException";
    }

    /** Which quota, in {@code quota}, and its figure in {@code limit}. */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quota", quota.field());
        details.put("limit", limit);
        return details;
    }
}
