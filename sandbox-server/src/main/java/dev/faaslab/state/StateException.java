package dev.faaslab.state;

import dev.faaslab.core.Problem;

/**
 * A request the table or bucket service refuses. Its {@link Reason} decides how each door answers it:
 * the REST API with a status and a code, the SDK with AWS's name for it (the {@link Problem} it is).
 */
public final class StateException extends RuntimeException implements Problem {

    /** What went wrong, with the code the SDK gives a function (AWS's names where AWS has one). */
    public enum Reason {
        /** No such table (or item, for the REST API's GET). */
        TABLE_NOT_FOUND(404, "NotFound", "ResourceNotFoundException"),
        ITEM_NOT_FOUND(404, "NotFound", "ResourceNotFoundException"),
        BUCKET_NOT_FOUND(404, "NotFound", "NoSuchBucket"),
        KEY_NOT_FOUND(404, "NotFound", "NoSuchKey"),
        /** A table, bucket or subscription of that name exists. */
        ALREADY_EXISTS(409, "Conflict", "ResourceInUseException"),
        /** {@code ifAbsent} or {@code ifVersion} did not hold. */
        CONDITION_FAILED(409, "ConditionalCheckFailed", "ConditionalCheckFailedException"),
        BUCKET_NOT_EMPTY(409, "BucketNotEmpty", "BucketNotEmpty"),
        /** A size or count limit: an item, an object, items per table, tables, buckets, bytes per workspace. */
        QUOTA_EXCEEDED(413, "QuotaExceeded", "QuotaExceeded"),
        /** The arguments are wrong: a missing key attribute, a bad name, a wrong type. */
        INVALID(400, "BadRequest", "ValidationException");

        private final int status;
        private final String code;
        private final String sdkCode;

        Reason(int status, String code, String sdkCode) {
            this.status = status;
            this.code = code;
            this.sdkCode = sdkCode;
        }

        public String sdkCode() {
            return sdkCode;
        }
    }

    private final Reason reason;

    public StateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return reason.code;
    }

    @Override
    public int status() {
        return reason.status;
    }

    @Override
    public String sdkName() {
        return reason.sdkCode;
    }

    public static StateException invalid(String message) {
        return new StateException(Reason.INVALID, message);
    }
}
