package org.pathlane.scheduler.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.model.JobStatus;

/** One job in the rule book's memory. Mutated only by {@link RuleBook} on its owner's thread. */
public final class JobNode {

    /** Submission order: workflow submission, then the job's place in its workflow's list. */
    static final Comparator<JobNode> SUBMISSION_ORDER =
            Comparator.comparingLong((JobNode j) -> j.workflow.seq()).thenComparingInt(j -> j.index);

    private final String id;
    private final String key;
    private final int index;
    private final String branch;
    private final String type;
    private final Map<String, Object> params;
    final WorkflowNode workflow;
    final List<JobNode> dependencies = new ArrayList<>();
    final List<JobNode> dependents = new ArrayList<>();
    JobStatus status;
    int attempt;
    int unmetDependencies;
    boolean cancelRequested;
    String cancelReason;

    JobNode(WorkflowNode workflow, String id, String key, int index, String branch, String type,
            Map<String, Object> params, JobStatus status, int attempt) {
        this.workflow = workflow;
        this.id = id;
        this.key = key;
        this.index = index;
        this.branch = branch;
        this.type = type;
        this.params = params;
        this.status = status;
        this.attempt = attempt;
    }

    /** The engine-wide id (a UUID). */
    public String id() {
        return id;
    }

    /** The job's id within its workflow, as submitted. */
    public String key() {
        return key;
    }

    public int index() {
        return index;
    }

    public String branch() {
        return branch;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> params() {
        return params;
    }

    public WorkflowNode workflow() {
        return workflow;
    }

    public JobStatus status() {
        return status;
    }

    public int attempt() {
        return attempt;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public List<String> dependencyKeys() {
        return dependencies.stream().map(JobNode::key).toList();
    }

    @Override
    public String toString() {
        return workflow.label() + "/" + key;
    }
}
