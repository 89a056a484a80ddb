package org.pathlane.scheduler.rules;

import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * One state change the rules decided. The engine persists each with a conditional update and, after the
 * commit, announces it (every kind but {@code CANCEL_REQUESTED} is a trace event of the same name).
 *
 * @param activationSeq for USER_ACTIVATED, the user's place in activation order
 */
public record Transition(Kind kind, String user, WorkflowNode workflow, JobNode job, String reason,
        WorkflowStatus state, long activationSeq) {

    public enum Kind {
        WORKFLOW_SUBMITTED, USER_ACTIVATED, WORKFLOW_ADMITTED, JOB_STARTED, JOB_SUCCEEDED, JOB_FAILED,
        JOB_CANCELLED, CANCEL_REQUESTED, WORKFLOW_FINISHED, USER_RELEASED
    }

    static Transition user(Kind kind, UserSlot user) {
        return new Transition(kind, user.name(), null, null, null, null, user.activationSeq);
    }

    static Transition workflow(Kind kind, WorkflowNode workflow) {
        return new Transition(kind, workflow.user(), workflow, null, null,
                kind == Kind.WORKFLOW_FINISHED ? workflow.status : null, 0);
    }

    static Transition job(Kind kind, JobNode job, String reason) {
        return new Transition(kind, job.workflow.user(), job.workflow, job, reason, null, 0);
    }
}
