package org.pathlane.app.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;

/**
 * The specs of the workflows this app submitted in this run, so a job's events can be tied to its slide
 * (the engine's job views carry state, not parameters) — the viewer uses it to overlay a running
 * segmentation on the right slide.
 */
public final class SubmittedJobs {

    private final Map<String, WorkflowSpec> byWorkflow = new ConcurrentHashMap<>();
    private final java.util.List<java.util.function.Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Called right after the engine accepted the workflow (its jobs may already be running). */
    public void remember(String workflowId, WorkflowSpec spec) {
        byWorkflow.put(workflowId, spec);
        listeners.forEach(l -> l.accept(workflowId));
    }

    /** Hears each workflow id as it is remembered. */
    public void onRemember(java.util.function.Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(java.util.function.Consumer<String> listener) {
        listeners.remove(listener);
    }

    public Optional<JobSpec> job(String workflowId, String jobId) {
        WorkflowSpec spec = byWorkflow.get(workflowId);
        return spec == null ? Optional.empty() : spec.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst();
    }

    /** Whether two slide paths name the same file. */
    public static boolean samePath(String a, String b) {
        try {
            return java.nio.file.Path.of(a).toAbsolutePath().normalize().equals(java.nio.file.Path.of(b).toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return a.equals(b);
        }
    }

    /** The slide a job reads, when the app submitted it and it has one. */
    public Optional<String> slideOf(String workflowId, String jobId) {
        return job(workflowId, jobId).map(j -> j.params().get("slide")).map(Object::toString);
    }
}
