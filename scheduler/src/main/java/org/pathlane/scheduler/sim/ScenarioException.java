package org.pathlane.scheduler.sim;

/** An invalid scenario: the message is one line naming the file, the workflow/job or field, and the problem. */
public final class ScenarioException extends RuntimeException {

    public ScenarioException(String message) {
        super(message);
    }
}
