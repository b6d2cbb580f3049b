package dev.faaslab.platform;

import dev.faaslab.core.Problem;

/** No such function, version or queue in this workspace. */
public final class NotFoundException extends RuntimeException implements Problem {

    public NotFoundException(String message) {
        super(message);
    }

    static NotFoundException function(String name) {
        return new NotFoundException("there is no function named '" + name
                + "' in this workspace: create it with PUT /api/functions/" + name);
    }

    /** No queue of this name in the workspace. */
    public static NotFoundException queue(String name) {
        return new NotFoundException("there is no queue named '" + name
                + "' in this workspace: create it with PUT /api/queues/" + name);
    }

    @Override
    public String code() {
        return "NotFound";
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String sdkName() {
        return "ResourceNotFoundException";
    }
}
