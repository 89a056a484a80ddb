package org.pathlane.scheduler.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WorkflowStatus;

/** One unfinished workflow in the rule book's memory. */
public final class WorkflowNode {

    private final String id;
    private final String label;
    private final long seq;
    final UserSlot user;
    final List<JobNode> jobs = new ArrayList<>();
    final Map<String, JobNode> jobsByKey = new HashMap<>();
    WorkflowStatus status;
    int unfinished;
    int failed;
    int cancelled;

    WorkflowNode(UserSlot user, String id, String label, long seq, WorkflowStatus status) {
        this.user = user;
        this.id = id;
        this.label = label;
        this.seq = seq;
        this.status = status;
    }

    /**
     * Adds a job; dependencies are linked afterwards with {@link #link}. The status and attempt come from the
     * database when a workflow is restored, and are PENDING/1 for a new one.
     */
    public JobNode addJob(String jobId, String key, String branch, String type, Map<String, Object> params,
            JobStatus status, int attempt) {
        JobNode job = new JobNode(this, jobId, key, jobs.size(), branch, type, params, status, attempt);
        jobs.add(job);
        jobsByKey.put(key, job);
        if (!status.isTerminal()) {
            unfinished++;
        } else if (status == JobStatus.FAILED) {
            failed++;
        } else if (status == JobStatus.CANCELLED) {
            cancelled++;
        }
        return job;
    }

    /** Records that {@code job} depends on the job with key {@code dependencyKey} of this workflow. */
    public void link(JobNode job, String dependencyKey) {
        JobNode dependency = jobsByKey.get(dependencyKey);
        if (dependency == null) {
            throw new IllegalStateException("workflow " + id + ": job " + job.key() + " depends on unknown job "
                    + dependencyKey);
        }
        job.dependencies.add(dependency);
        dependency.dependents.add(job);
        if (dependency.status != JobStatus.SUCCEEDED) {
            job.unmetDependencies++;
        }
    }

    /** Restores a persisted cancel request of a job that a crash put back to PENDING. */
    public void markCancelRequested(JobNode job, String reason) {
        job.cancelRequested = true;
        job.cancelReason = reason;
    }

    public String id() {
        return id;
    }

    /** What people call the workflow (the sim uses the scenario's workflow id). */
    public String label() {
        return label;
    }

    public long seq() {
        return seq;
    }

    public String user() {
        return user.name();
    }

    public WorkflowStatus status() {
        return status;
    }

    public List<JobNode> jobs() {
        return Collections.unmodifiableList(jobs);
    }

    public JobNode job(String key) {
        return jobsByKey.get(key);
    }

    boolean admitted() {
        return status == WorkflowStatus.RUNNING;
    }

    WorkflowStatus outcome() {
        if (failed > 0) {
            return WorkflowStatus.FAILED;
        }
        return cancelled > 0 ? WorkflowStatus.CANCELLED : WorkflowStatus.SUCCEEDED;
    }
}
