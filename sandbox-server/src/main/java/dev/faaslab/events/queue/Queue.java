package dev.faaslab.events.queue;

import dev.faaslab.core.InvalidInputException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A queue of one workspace, as stored.
 *
 * @param name       unique in its workspace: 1 to 80 letters, digits, hyphens, underscores (as SQS)
 * @param attributes its settings
 * @param createdAt  when it was created
 * @param updatedAt  when its settings last changed
 */
public record Queue(String name, QueueAttributes attributes, Instant createdAt, Instant updatedAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** @throws IllegalArgumentException unless {@code name} is a valid queue name */
    public static String checkName(String what, String name) {
        if (name != null && name.endsWith(".fifo")) {
            throw new InvalidInputException(what + " '" + name + "' is a FIFO queue's name; FaaS Lab models"
                    + " standard queues only: drop the .fifo suffix");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(what + " '" + name
                    + "' must be 1 to 80 letters, digits, hyphens or underscores");
        }
        return name;
    }
}
