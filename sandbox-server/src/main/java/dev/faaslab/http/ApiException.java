package dev.faaslab.http;

import java.util.Map;

/**
 * A request the API refuses, with the status and the {@code {"error":{"code","message",…}}} body it
 * answers with. {@code details} adds fields to the error object (a location, a throttle's reason).
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
