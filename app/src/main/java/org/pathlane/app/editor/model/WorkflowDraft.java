package org.pathlane.app.editor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;

/**
 * The workflow being edited, as an immutable value: every edit returns a new draft, which makes undo
 * and redo a matter of keeping the old ones.
 *
 * @param name         the workflow's label
 * @param lanes        the branch lanes, top to bottom
 * @param dependencies the arrows between jobs
 */
public record WorkflowDraft(String name, List<Lane> lanes, List<Dependency> dependencies) {

    public WorkflowDraft {
        name = name == null ? "" : name;
        lanes = lanes == null ? List.of() : List.copyOf(lanes);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    public static WorkflowDraft empty(String name) {
        return new WorkflowDraft(name, List.of(), List.of());
    }

    public WorkflowDraft withName(String newName) {
        return new WorkflowDraft(newName, lanes, dependencies);
    }

    // ---- queries ------------------------------------------------------------------------------

    public Optional<Lane> lane(String laneId) {
        return lanes.stream().filter(l -> l.id().equals(laneId)).findFirst();
    }

    public Optional<DraftJob> job(String jobId) {
        return lanes.stream().flatMap(l -> l.jobs().stream()).filter(j -> j.id().equals(jobId)).findFirst();
    }

    /** The lane holding a job. */
    public Optional<Lane> laneOf(String jobId) {
        return lanes.stream().filter(l -> l.jobs().stream().anyMatch(j -> j.id().equals(jobId))).findFirst();
    }

    public List<DraftJob> allJobs() {
        return lanes.stream().flatMap(l -> l.jobs().stream()).toList();
    }

    /** A lane name not used yet: {@code Branch A}, {@code Branch B}, ... */
    public String freshLaneName() {
        for (int i = 0; ; i++) {
            String candidate = "Branch " + letters(i);
            if (lanes.stream().noneMatch(l -> l.name().equalsIgnoreCase(candidate))) {
                return candidate;
            }
        }
    }

    private static String letters(int i) {
        String s = String.valueOf((char) ('A' + i % 26));
        return i < 26 ? s : letters(i / 26 - 1) + s;
    }

    private String freshId(String prefix, List<String> used) {
        int max = 0;
        for (String id : used) {
            if (id.startsWith(prefix)) {
                try {
                    max = Math.max(max, Integer.parseInt(id.substring(prefix.length())));
                } catch (NumberFormatException ignored) {
                    // a loaded template may use its own ids; they just do not count here
                }
            }
        }
        return prefix + (max + 1);
    }

    // ---- lane edits ---------------------------------------------------------------------------

    public WorkflowDraft addLane(String laneName) {
        String id = freshId("lane", lanes.stream().map(Lane::id).toList());
        List<Lane> copy = new ArrayList<>(lanes);
        copy.add(new Lane(id, laneName == null ? freshLaneName() : laneName, List.of()));
        return new WorkflowDraft(name, copy, dependencies);
    }

    /** The id of the lane {@link #addLane} would create next. */
    public String nextLaneId() {
        return freshId("lane", lanes.stream().map(Lane::id).toList());
    }

    public WorkflowDraft renameLane(String laneId, String newName) {
        return mapLane(laneId, l -> new Lane(l.id(), newName.strip(), l.jobs()));
    }

    public WorkflowDraft moveLane(String laneId, int toIndex) {
        Lane lane = requireLane(laneId);
        List<Lane> copy = new ArrayList<>(lanes);
        copy.remove(lane);
        copy.add(clamp(toIndex, copy.size()), lane);
        return new WorkflowDraft(name, copy, dependencies);
    }

    /** Removes a lane with its jobs and every arrow touching them. */
    public WorkflowDraft removeLane(String laneId) {
        Lane lane = requireLane(laneId);
        List<Lane> copy = new ArrayList<>(lanes);
        copy.remove(lane);
        List<String> gone = lane.jobs().stream().map(DraftJob::id).toList();
        List<Dependency> deps = dependencies.stream().filter(d -> gone.stream().noneMatch(d::touches)).toList();
        return new WorkflowDraft(name, copy, deps);
    }

    // ---- job edits ----------------------------------------------------------------------------

    /** The id of the job {@link #addJob} would create next. */
    public String nextJobId() {
        return freshId("j", allJobs().stream().map(DraftJob::id).toList());
    }

    public WorkflowDraft addJob(String laneId, int index, String type, Map<String, Object> params) {
        DraftJob job = new DraftJob(nextJobId(), type, params);
        return mapLane(laneId, l -> {
            List<DraftJob> jobs = new ArrayList<>(l.jobs());
            jobs.add(clamp(index, jobs.size()), job);
            return new Lane(l.id(), l.name(), jobs);
        });
    }

    /** Moves a job to {@code index} of lane {@code laneId} (the index counts without the moved job). */
    public WorkflowDraft moveJob(String jobId, String laneId, int index) {
        DraftJob job = requireJob(jobId);
        requireLane(laneId);
        WorkflowDraft without = withoutJob(jobId);
        return without.mapLane(laneId, l -> {
            List<DraftJob> jobs = new ArrayList<>(l.jobs());
            jobs.add(clamp(index, jobs.size()), job);
            return new Lane(l.id(), l.name(), jobs);
        }).withDependencies(dependencies);
    }

    /** Removes a job and every arrow touching it. */
    public WorkflowDraft removeJob(String jobId) {
        requireJob(jobId);
        WorkflowDraft without = withoutJob(jobId);
        return without.withDependencies(dependencies.stream().filter(d -> !d.touches(jobId)).toList());
    }

    public WorkflowDraft setParam(String jobId, String key, Object value) {
        requireJob(jobId);
        List<Lane> copy = lanes.stream().map(l -> new Lane(l.id(), l.name(),
                l.jobs().stream().map(j -> j.id().equals(jobId) ? j.withParam(key, value) : j).toList())).toList();
        return new WorkflowDraft(name, copy, dependencies);
    }

    // ---- arrows -------------------------------------------------------------------------------

    /** Why an arrow from {@code from} to {@code to} cannot be drawn, or empty when it can. */
    public Optional<String> connectRefusal(String from, String to) {
        if (job(from).isEmpty() || job(to).isEmpty()) {
            return Optional.of("Both ends of an arrow must be jobs of this workflow.");
        }
        if (from.equals(to)) {
            return Optional.of("A job cannot depend on itself.");
        }
        if (dependencies.contains(new Dependency(from, to))) {
            return Optional.of(to + " already depends on " + from + ".");
        }
        return Optional.empty();
    }

    public WorkflowDraft connect(String from, String to) {
        connectRefusal(from, to).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        List<Dependency> deps = new ArrayList<>(dependencies);
        deps.add(new Dependency(from, to));
        return withDependencies(deps);
    }

    public WorkflowDraft disconnect(Dependency dependency) {
        return withDependencies(dependencies.stream().filter(d -> !d.equals(dependency)).toList());
    }

    // ---- the scheduler's view -----------------------------------------------------------------

    /** The workflow as the scheduler takes it: one job spec per card, branch = lane name. */
    public WorkflowSpec toSpec() {
        List<JobSpec> jobs = new ArrayList<>();
        for (Lane lane : lanes) {
            for (DraftJob job : lane.jobs()) {
                List<String> dependsOn = dependencies.stream()
                        .filter(d -> d.to().equals(job.id())).map(Dependency::from).toList();
                jobs.add(new JobSpec(job.id(), lane.name(), job.type(), job.params(), dependsOn));
            }
        }
        return new WorkflowSpec(name, jobs);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private WorkflowDraft withDependencies(List<Dependency> deps) {
        return new WorkflowDraft(name, lanes, deps);
    }

    private WorkflowDraft withoutJob(String jobId) {
        List<Lane> copy = lanes.stream().map(l -> new Lane(l.id(), l.name(),
                l.jobs().stream().filter(j -> !j.id().equals(jobId)).toList())).toList();
        return new WorkflowDraft(name, copy, dependencies);
    }

    private WorkflowDraft mapLane(String laneId, UnaryOperator<Lane> change) {
        requireLane(laneId);
        List<Lane> copy = lanes.stream().map(l -> l.id().equals(laneId) ? change.apply(l) : l).toList();
        return new WorkflowDraft(name, copy, dependencies);
    }

    private Lane requireLane(String laneId) {
        return lane(laneId).orElseThrow(() -> new IllegalArgumentException("No lane " + laneId + " in this workflow."));
    }

    private DraftJob requireJob(String jobId) {
        return job(jobId).orElseThrow(() -> new IllegalArgumentException("No job " + jobId + " in this workflow."));
    }

    private static int clamp(int index, int size) {
        return Math.max(0, Math.min(index, size));
    }
}
