package org.pathlane.scheduler.persistence;

/**
 * A conditional update found the row in another state than the engine expected (another node, or a bug):
 * the transaction is rolled back and the engine rebuilds its memory from the database.
 */
public final class StaleStateException extends RuntimeException {

    public StaleStateException(String message) {
        super(message);
    }
}
