package dev.faaslab.platform;

/** No such function or version in this workspace. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    static NotFoundException function(String name) {
        return new NotFoundException("there is no function named '" + name
                + "' in this workspace: create it with PUT /api/functions/" + name);
    }
}
