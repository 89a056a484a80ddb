package org.pathlane.scheduler.sim;

import java.util.List;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.Limits;

/**
 * A {@code pathlane sim} scenario, already checked: every workflow passed rule 12 and every cancel names a
 * known job or workflow. Job ids are unique across the scenario.
 */
public record Scenario(Limits limits, List<Submission> workflows, List<Cancel> cancels) {

    /** A workflow submitted {@code submitAtMs} after the start by {@code user}; its spec name is the scenario id. */
    public record Submission(String id, String user, long submitAtMs, WorkflowSpec spec) {
    }

    /** Cancels a job (when {@code job} is set) or a whole workflow {@code atMs} after the start. */
    public record Cancel(long atMs, String job, String workflow) {
    }

    public long jobCount() {
        return workflows.stream().mapToLong(w -> w.spec().jobs().size()).sum();
    }
}
