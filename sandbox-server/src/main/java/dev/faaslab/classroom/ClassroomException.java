package dev.faaslab.classroom;

import dev.faaslab.core.Problem;
import java.util.Map;

/** A classroom request refused: who may not do what, or what is missing, with the status the API answers. */
public final class ClassroomException extends RuntimeException implements Problem {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ClassroomException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ClassroomException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    static ClassroomException notFound(String what) {
        return new ClassroomException(404, "NotFound", what);
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
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
