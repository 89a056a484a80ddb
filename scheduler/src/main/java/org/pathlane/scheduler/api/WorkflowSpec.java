package org.pathlane.scheduler.api;

import java.util.List;

/**
 * A workflow as a user submits it. A branch's order is the order of its jobs in {@link #jobs()}.
 *
 * @param name a label for people (need not be unique)
 * @param jobs every job of the workflow
 */
public record WorkflowSpec(String name, List<JobSpec> jobs) {

    public WorkflowSpec {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
