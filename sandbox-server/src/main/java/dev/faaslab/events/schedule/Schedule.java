package dev.faaslab.events.schedule;

import dev.faaslab.core.InvalidInputException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One schedule of a workspace, as stored: EventBridge's scheduled rule with one function as its target.
 *
 * @param name        unique in the workspace, 1 to 64 letters, digits, '.', '-' or '_' (EventBridge's rule names)
 * @param expression  {@code rate(…)} or {@code cron(…)}, as given
 * @param function    the target function's name
 * @param qualifier   {@code $LATEST} (null) or a published version number
 * @param enabled     whether it fires
 * @param input       a constant JSON text sent instead of the Scheduled Event, or null
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 * @param startedAt   where a rate counts its periods from: creation, a new expression, or being enabled
 * @param lastFiredAt the scheduled time it last fired for, or null
 */
public record Schedule(String name, String expression, String function, String qualifier, boolean enabled, String input,
                       Instant createdAt, Instant updatedAt, Instant startedAt, Instant lastFiredAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** EventBridge accepts constant input of up to 8,192 characters. */
    public static final int MAX_INPUT_CHARS = 8192;

    public Schedule {
        requireName(name);
        ScheduleExpression.parse(expression);
        if (input != null && input.length() > MAX_INPUT_CHARS) {
            throw new InvalidInputException("input", "the input is " + input.length() + " characters, over EventBridge's limit of "
                    + MAX_INPUT_CHARS + ": send less, or a reference to the data");
        }
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("the schedule name '" + name
                    + "' must be 1 to 64 letters, digits, dots, hyphens or underscores");
        }
    }

    Schedule firedAt(Instant scheduled) {
        return new Schedule(name, expression, function, qualifier, enabled, input, createdAt, updatedAt, startedAt, scheduled);
    }
}
