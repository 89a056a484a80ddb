package org.pathlane.scheduler.model;

import java.time.Instant;
import java.util.Set;

/**
 * Which workflows a page of history lists: the dashboard's filters, applied by the database so that counts and
 * pages stay right however long the history is.
 *
 * @param owner         whose workflows; null for every user's (what an admin may ask for)
 * @param statuses      the statuses kept; null for any
 * @param submittedFrom the earliest submission time kept; null for any time
 * @param archived      true for archived workflows only, false for unarchived ones only, null for both
 */
public record WorkflowQuery(String owner, Set<WorkflowStatus> statuses, Instant submittedFrom, Boolean archived) {

    /** Every workflow, archived or not. */
    public static final WorkflowQuery ANY = new WorkflowQuery(null, null, null, null);

    public WorkflowQuery {
        statuses = statuses == null ? null : Set.copyOf(statuses);
    }

    public WorkflowQuery withOwner(String newOwner) {
        return new WorkflowQuery(newOwner, statuses, submittedFrom, archived);
    }

    /** Whether {@code w} is one of the workflows this query lists. */
    public boolean keeps(WorkflowView w) {
        return (owner == null || owner.equals(w.user())) && (statuses == null || statuses.contains(w.status()))
                && (submittedFrom == null || !w.submittedAt().isBefore(submittedFrom))
                && (archived == null || archived == w.archived());
    }
}
