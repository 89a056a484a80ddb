package org.pathlane.scheduler.persistence;

/** The database cannot be opened or used; the message names the file and what to do. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
