package dev.faaslab.http;

import dev.faaslab.core.Problem;
import java.util.Map;

/**
 * A refusal by the HTTP layer itself (no route, a body that is not JSON, a bad query parameter), with the
 * status and the {@code {"error":{"code","message",…}}} body it answers with. {@code details} adds fields to
 * the error object (a throttle's reason, the field at fault).
 */
final class ApiException extends RuntimeException implements Problem {

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

    /** 400 naming the body's field at fault in {@code field}, so that a form can show the message beside it. */
    static ApiException badField(String field, String message) {
        return new ApiException(400, "BadRequest", message, Map.of("field", field));
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String sdkName() {
        return Problem.sdkNameFor(status);
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
