package dev.faaslab.classroom.lti;

/** The database failed while the LTI tables were read or written (disk full, connection lost). */
public final class LtiStoreException extends RuntimeException {

    LtiStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
