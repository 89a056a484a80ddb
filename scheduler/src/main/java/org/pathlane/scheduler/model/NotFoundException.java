package org.pathlane.scheduler.model;

/**
 * The named user, workflow, job or slide does not exist for the acting user. Another user's workflow or job
 * gives exactly this exception, with the same message as an id that never existed.
 */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
