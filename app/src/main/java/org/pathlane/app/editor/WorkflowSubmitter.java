package org.pathlane.app.editor;

import org.pathlane.scheduler.api.WorkflowSpec;

/** Hands a finished draft to the engine for the signed-in user. */
@FunctionalInterface
public interface WorkflowSubmitter {

    /**
     * @return the id the engine gave the workflow
     * @throws Exception when the engine refuses it; the message is shown to the user
     */
    String submit(WorkflowSpec spec) throws Exception;
}
