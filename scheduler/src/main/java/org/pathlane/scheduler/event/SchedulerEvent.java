package org.pathlane.scheduler.event;

import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * One committed state change. Fields that do not apply to the type are null: {@code workflowId} for user
 * events, {@code jobId}/{@code branch} for non-job events, {@code reason} except for failed/cancelled jobs,
 * {@code state} except for {@code WORKFLOW_FINISHED}. {@code jobId} is the job's id within its workflow.
 *
 * @param workflowName the name the workflow was submitted with
 * @param atMillis the engine clock when the change was committed (epoch milliseconds)
 */
public record SchedulerEvent(EventType type, long atMillis, String user, String workflowId, String workflowName, String jobId,
        String branch, String reason, WorkflowStatus state) {
}
