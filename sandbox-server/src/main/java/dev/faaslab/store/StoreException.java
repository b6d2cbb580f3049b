package dev.faaslab.store;

/** A read or write of the durable store failed after the data directory was opened (disk full, I/O error). */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
