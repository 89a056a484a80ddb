package org.pathlane.scheduler.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;

/**
 * Rule 12: checks a whole workflow before anything of it is stored. Every message names the workflow, then
 * the job or field, then what is wrong.
 */
public final class WorkflowValidator {

    /** Longest job id or branch name the database holds. */
    public static final int MAX_NAME_LENGTH = 200;
    /** The stored sizes of {@code pl_job.job_type} and {@code pl_job.params}. */
    public static final int MAX_TYPE_LENGTH = 100;
    public static final int MAX_PARAMS_LENGTH = 1_000_000;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Map<String, JobHandler> handlers;

    public WorkflowValidator(Map<String, JobHandler> handlers) {
        this.handlers = handlers;
    }

    /** @throws WorkflowRejectedException naming the problem */
    public void validate(WorkflowSpec spec) {
        if (spec == null) {
            throw new WorkflowRejectedException("workflow is missing");
        }
        String where = spec.name() == null || spec.name().isBlank() ? "workflow" : "workflow \"" + shorten(spec.name()) + "\"";
        if (spec.name() != null && !spec.name().isBlank()) {
            checkName("workflow", "name", spec.name());
        }
        if (spec.jobs().isEmpty()) {
            throw new WorkflowRejectedException(where + ": the job list is empty; add at least one job");
        }
        Map<String, JobSpec> byId = new LinkedHashMap<>();
        for (int i = 0; i < spec.jobs().size(); i++) {
            JobSpec job = spec.jobs().get(i);
            if (job == null) {
                throw new WorkflowRejectedException(where + ": job #" + (i + 1) + " is missing");
            }
            checkName(where + ": job #" + (i + 1), "id", job.id());
            String jobWhere = where + ": job \"" + job.id() + "\"";
            if (job.type() != null && job.type().length() > MAX_TYPE_LENGTH) {
                throw new WorkflowRejectedException(jobWhere + ": field \"type\" is longer than " + MAX_TYPE_LENGTH
                        + " characters");
            }
            checkName(jobWhere, "branch", job.branch());
            if (byId.putIfAbsent(job.id(), job) != null) {
                throw new WorkflowRejectedException(where + ": job id \"" + job.id() + "\" is used twice; job ids must be unique");
            }
            checkJob(jobWhere, job);
        }
        for (JobSpec job : spec.jobs()) {
            for (String dependency : job.dependsOn()) {
                if (dependency == null || !byId.containsKey(dependency)) {
                    throw new WorkflowRejectedException(where + ": job \"" + job.id() + "\": field \"dependsOn\" names \""
                            + dependency + "\", which is not a job of this workflow");
                }
            }
        }
        List<String> cycle = findCycle(spec.jobs());
        if (!cycle.isEmpty()) {
            throw new WorkflowRejectedException(where + ": dependencies and branch order form a cycle: "
                    + String.join(" -> ", cycle) + "; a job cannot wait for itself");
        }
    }

    private static void checkName(String where, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WorkflowRejectedException(where + ": field \"" + field + "\" is missing or empty");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new WorkflowRejectedException(where + ": field \"" + field + "\" is " + value.length()
                    + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new WorkflowRejectedException(where + ": field \"" + field + "\" contains a control character "
                    + "(a tab, line break or similar); use printable characters only");
        }
    }

    /** A name as it appears in a message: at most 60 characters. */
    private static String shorten(String name) {
        return name.length() <= 60 ? name : name.substring(0, 57) + "...";
    }

    private void checkJob(String where, JobSpec job) {
        if (job.type() == null || job.type().isBlank()) {
            throw new WorkflowRejectedException(where + ": field \"type\" is missing or empty");
        }
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            throw new WorkflowRejectedException(where + ": field \"type\" is \"" + job.type()
                    + "\", which is not a known job type (known: " + String.join(", ", handlers.keySet()) + ")");
        }
        for (Map.Entry<String, Object> param : job.params().entrySet()) {
            if (!isJsonValue(param.getValue())) {
                throw new WorkflowRejectedException(where + ": field \"" + param.getKey()
                        + "\" has a value of type " + param.getValue().getClass().getSimpleName()
                        + "; parameters must be strings, numbers, booleans, lists or maps");
            }
        }
        int stored = storedLength(job.params());
        if (stored > MAX_PARAMS_LENGTH) {
            throw new WorkflowRejectedException(where + ": its parameters take " + stored + " characters as stored; at most "
                    + MAX_PARAMS_LENGTH + " are allowed");
        }
        try {
            handler.validate(job.params());
        } catch (IllegalArgumentException e) {
            throw new WorkflowRejectedException(where + ": " + e.getMessage());
        }
    }

    private static int storedLength(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(params).length();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WorkflowRejectedException("its parameters cannot be stored as JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isJsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(WorkflowValidator::isJsonValue);
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().allMatch(k -> k instanceof String)
                    && map.values().stream().allMatch(WorkflowValidator::isJsonValue);
        }
        return false;
    }

    /** A cycle in dependency edges plus branch-order edges, as job ids (first repeated last); empty if none. */
    static List<String> findCycle(List<JobSpec> jobs) {
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, String> lastInBranch = new HashMap<>();
        for (JobSpec job : jobs) {
            edges.computeIfAbsent(job.id(), k -> new ArrayList<>());
            String previous = lastInBranch.put(job.branch(), job.id());
            if (previous != null) {
                edges.computeIfAbsent(previous, k -> new ArrayList<>()).add(job.id());
            }
            for (String dependency : job.dependsOn()) {
                edges.computeIfAbsent(dependency, k -> new ArrayList<>()).add(job.id());
            }
        }
        Set<String> done = new HashSet<>();
        for (JobSpec start : jobs) {
            List<String> cycle = cycleFrom(start.id(), edges, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    /** Iterative depth-first search; returns the first cycle reachable from {@code start}. */
    private static List<String> cycleFrom(String start, Map<String, List<String>> edges, Set<String> done) {
        if (done.contains(start)) {
            return List.of();
        }
        List<String> path = new ArrayList<>();
        Set<String> onPath = new HashSet<>();
        ArrayDeque<int[]> cursors = new ArrayDeque<>();
        path.add(start);
        onPath.add(start);
        cursors.push(new int[] {0});
        while (!path.isEmpty()) {
            String node = path.getLast();
            List<String> next = edges.get(node);
            int[] cursor = cursors.peek();
            if (cursor[0] < next.size()) {
                String child = next.get(cursor[0]++);
                if (onPath.contains(child)) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
                    cycle.add(child);
                    return cycle;
                }
                if (!done.contains(child)) {
                    path.add(child);
                    onPath.add(child);
                    cursors.push(new int[] {0});
                }
            } else {
                done.add(node);
                onPath.remove(node);
                path.removeLast();
                cursors.pop();
            }
        }
        return List.of();
    }
}
