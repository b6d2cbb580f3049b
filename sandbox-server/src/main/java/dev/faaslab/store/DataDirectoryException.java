package dev.faaslab.store;

/**
 * The data directory cannot hold FaaS Lab's database: it cannot be created, is not writable, is in use by
 * another server, or holds a database this version cannot read. The message is one line for a person,
 * saying what happened and what to try.
 */
public final class DataDirectoryException extends RuntimeException {

    public DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
