package org.pathlane.scheduler.validation;

/** A submitted workflow breaks rule 12; the message names the job or field and the problem. Nothing was stored. */
public final class WorkflowRejectedException extends RuntimeException {

    public WorkflowRejectedException(String message) {
        super(message);
    }
}
