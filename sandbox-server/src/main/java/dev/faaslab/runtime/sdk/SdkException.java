package dev.faaslab.runtime.sdk;

/**
 * A call through the SDK that the service refused, with a code a handler can test (AWS's names where
 * AWS has one: {@code ResourceNotFoundException}, {@code ConditionalCheckFailedException},
 * {@code ValidationException}, {@code NoSuchKey}, {@code QueueDoesNotExist}, {@code QuotaExceeded}) and
 * a message that says what happened and what to try.
 */
public final class SdkException extends RuntimeException {

    private final String code;

    public SdkException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
