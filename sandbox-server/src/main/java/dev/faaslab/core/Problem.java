package dev.faaslab.core;

import java.util.Map;

/**
 * A refusal that knows how each door answers it: the REST API with {@link #status} and {@link #code}, an
 * AWS SDK with {@link #sdkName}, and a learner with the exception's message (what happened, where, what to
 * try). {@link #details} adds fields to the REST API's error object: the body's {@code field} at fault, a
 * syntax error's {@code location}, a quota's {@code limit}.
 *
 * <p>Every exception the API answers with a 4xx implements it, and the router maps it in one place; anything
 * else a handler throws is a bug, answered with a logged 500. It is an interface rather than a sealed base
 * class because its families keep the superclasses their callers catch ({@link InvalidInputException} is
 * still an {@link IllegalArgumentException} for the SDK and the command line), and because Java seals across
 * packages only inside a named module, which this server is not.
 */
public interface Problem {

    /** The REST API's code, such as {@code NotFound}. */
    String code();

    /** The HTTP status the REST API answers with. */
    int status();

    /** The AWS SDK's name for it, such as {@code ResourceNotFoundException}. */
    String sdkName();

    /** What went wrong and what to try, for a learner: the exception's message. */
    default String message() {
        return ((Throwable) this).getMessage();
    }

    /** Fields added to the error object, in order; none by default. */
    default Map<String, Object> details() {
        return Map.of();
    }

    /** The AWS SDK's usual name for a refusal with this status, for problems that have no name of their own. */
    static String sdkNameFor(int status) {
        return switch (status) {
            case 400, 415 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "RequestTimeoutException";
            case 409 -> "ResourceConflictException";
            case 413 -> "RequestTooLargeException";
            case 429 -> "TooManyRequestsException";
            default -> "ServiceException";
        };
    }
}
