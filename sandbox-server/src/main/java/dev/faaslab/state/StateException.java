package dev.faaslab.state;

/**
 * A request the table or bucket service refuses. Its {@link Reason} decides how each door answers it:
 * the REST API with a status and a code, the SDK with AWS's name for it.
 */
public final class StateException extends RuntimeException {

    /** What went wrong, with the code the SDK gives a function (AWS's names where AWS has one). */
    public enum Reason {
        /** No such table (or item, for the REST API's GET). */
        TABLE_NOT_FOUND("ResourceNotFoundException"),
        ITEM_NOT_FOUND("ResourceNotFoundException"),
        BUCKET_NOT_FOUND("NoSuchBucket"),
        KEY_NOT_FOUND("NoSuchKey"),
        /** A table, bucket or subscription of that name exists. */
        ALREADY_EXISTS("ResourceInUseException"),
        /** {@code ifAbsent} or {@code ifVersion} did not hold. */
        CONDITION_FAILED("ConditionalCheckFailedException"),
        BUCKET_NOT_EMPTY("BucketNotEmpty"),
        /** A size or count limit: an item, an object, items per table, tables, buckets, bytes per workspace. */
        QUOTA_EXCEEDED("QuotaExceeded"),
        /** The arguments are wrong: a missing key attribute, a bad name, a wrong type. */
        INVALID("ValidationException");

        private final String sdkCode;

        Reason(String sdkCode) {
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

    public static StateException invalid(String message) {
        return new StateException(Reason.INVALID, message);
    }
}
