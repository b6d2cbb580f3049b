package dev.faaslab.core;

import java.util.Map;

/**
 * Input a learner sent that the server refuses: 400 {@code BadRequest}, naming the body's {@code field} when one
 * is at fault. Validation throws it instead of a bare {@link IllegalArgumentException}, which the API answers as
 * a bug (500): a {@code NumberFormatException} deep in the server is not the learner's mistake. It stays an
 * {@code IllegalArgumentException} so that the SDK and the command line, which catch those, answer it as before.
 */
public final class InvalidInputException extends IllegalArgumentException implements Problem {

    private final String field;

    /** Input refused as a whole, or where the caller does not know which field it came from. */
    public InvalidInputException(String message) {
        this(null, message);
    }

    /** Input refused because of {@code field} (a body field's name, as the learner wrote it). */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The same refusal, now known to come from {@code field}: the API knows the field, the value's class does not. */
    public InvalidInputException in(String field) {
        return this.field != null ? this : new InvalidInputException(field, getMessage());
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "BadRequest";
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String sdkName() {
        return "ValidationException";
    }

    @Override
    public Map<String, Object> details() {
        return field == null ? Map.of() : Map.of("field", field);
    }
}
