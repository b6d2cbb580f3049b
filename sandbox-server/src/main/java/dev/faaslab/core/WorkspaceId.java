package dev.faaslab.core;

import java.util.regex.Pattern;

/**
 * Whose functions these are: one learner's workspace. Local mode has one ({@link #LOCAL}); classroom
 * mode will have hundreds, so every function, version, setting and figure is keyed by one.
 */
public record WorkspaceId(String value) {

    // Before LOCAL: static fields initialise in order, and LOCAL's constructor reads this.
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public static final WorkspaceId LOCAL = new WorkspaceId("local");

    public WorkspaceId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("the workspace '" + value
                    + "' must be 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
    }

    /** The account and region its ARNs and events name: FaaS Lab's pretend one, the same for every workspace. */
    public Identity identity() {
        return Identity.SANDBOX;
    }

    @Override
    public String toString() {
        return value;
    }
}
