package dev.faaslab.store;

/**
 * The PostgreSQL database named by {@code --database} cannot hold FaaS Lab's state: the server cannot be
 * reached, refuses the user, has no such database, or has one this version cannot use. The message is one
 * line for a person, saying what happened and what to try.
 */
public final class DatabaseServerException extends RuntimeException {

    public DatabaseServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
