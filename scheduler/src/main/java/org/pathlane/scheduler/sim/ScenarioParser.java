package org.pathlane.scheduler.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Profiles;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.validation.WorkflowRejectedException;
import org.pathlane.scheduler.validation.WorkflowValidator;

/** Reads and checks a scenario (format in {@code specs/scheduler.md}); any problem is a {@link ScenarioException}. */
public final class ScenarioParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WorkflowValidator validator = new WorkflowValidator(Map.of(SleepJob.TYPE, new SleepJob()));

    /** @param source names the scenario in messages (its file name) */
    public Scenario parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": the scenario must be a JSON object with \"workflows\"");
        }
        JsonNode config = root.path("config");
        if (!config.isMissingNode() && !config.isObject()) {
            throw new ScenarioException(source + ": field \"config\" must be an object");
        }
        Limits limits = new Limits(positive(config, "maxWorkers", Limits.DEFAULT.maxWorkers(), source + ": config"),
                positive(config, "maxActiveUsers", Limits.DEFAULT.maxActiveUsers(), source + ": config"));
        List<Scenario.Submission> submissions = new ArrayList<>();
        Map<String, String> workflowOfJob = new HashMap<>();
        for (JsonNode w : array(root, "workflows", source, true)) {
            submissions.add(workflow(w, source, workflowOfJob, submissions));
        }
        List<Scenario.Cancel> cancels = new ArrayList<>();
        for (JsonNode c : array(root, "cancels", source, false)) {
            cancels.add(cancel(c, source + ": cancel #" + (cancels.size() + 1), workflowOfJob, submissions));
        }
        return new Scenario(limits, List.copyOf(submissions), List.copyOf(cancels));
    }

    private Scenario.Submission workflow(JsonNode w, String source, Map<String, String> workflowOfJob,
            List<Scenario.Submission> earlier) {
        if (!w.isObject()) {
            throw new ScenarioException(source + ": workflow #" + (earlier.size() + 1) + " must be an object");
        }
        String id = text(w, "id", source + ": workflow #" + (earlier.size() + 1), true);
        String where = source + ": workflow \"" + id + "\"";
        if (earlier.stream().anyMatch(s -> s.id().equals(id))) {
            throw new ScenarioException(where + ": workflow id is used twice");
        }
        String user = text(w, "user", where, true);
        if (user.length() > Profiles.MAX_NAME_LENGTH) {
            throw new ScenarioException(where + ": field \"user\" is longer than " + Profiles.MAX_NAME_LENGTH + " characters");
        }
        long submitAt = whole(w, "submitAtMs", 0, where);
        List<JobSpec> jobs = new ArrayList<>();
        Map<String, String> mine = new LinkedHashMap<>();
        for (JsonNode j : array(w, "jobs", where, true)) {
            String jobWhere = where + ": job #" + (jobs.size() + 1);
            if (!j.isObject()) {
                throw new ScenarioException(jobWhere + " must be an object");
            }
            String jobId = text(j, "id", jobWhere, true);
            jobWhere = where + ": job \"" + jobId + "\"";
            String other = workflowOfJob.get(jobId);
            if (other != null) {
                throw new ScenarioException(jobWhere + ": job id is already used in workflow \"" + other
                        + "\"; job ids must be unique in the whole scenario");
            }
            String branch = text(j, "branch", jobWhere, true);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("durationMs", whole(j, "durationMs", 0, jobWhere));
            JsonNode fail = j.path("fail");
            if (!fail.isMissingNode() && !fail.isNull() && !fail.isBoolean()) {
                throw new ScenarioException(jobWhere + ": field \"fail\" must be true or false, got " + fail);
            }
            params.put("fail", fail.asBoolean(false));
            List<String> dependsOn = new ArrayList<>();
            for (JsonNode d : array(j, "dependsOn", jobWhere, false)) {
                if (!d.isTextual()) {
                    throw new ScenarioException(jobWhere + ": field \"dependsOn\" must list job ids (strings), got " + d);
                }
                dependsOn.add(d.asText());
            }
            jobs.add(new JobSpec(jobId, branch, SleepJob.TYPE, params, dependsOn));
            mine.put(jobId, id);
        }
        for (JobSpec job : jobs) {
            for (String d : job.dependsOn()) {
                if (!mine.containsKey(d) && workflowOfJob.containsKey(d)) {
                    throw new ScenarioException(where + ": job \"" + job.id() + "\": field \"dependsOn\" names \"" + d
                            + "\", a job of workflow \"" + workflowOfJob.get(d) + "\"; dependencies must stay within one workflow");
                }
            }
        }
        WorkflowSpec spec = new WorkflowSpec(id, jobs);
        try {
            validator.validate(spec);
        } catch (WorkflowRejectedException e) {
            throw new ScenarioException(source + ": " + e.getMessage());
        }
        workflowOfJob.putAll(mine);
        return new Scenario.Submission(id, user, submitAt, spec);
    }

    private static Scenario.Cancel cancel(JsonNode c, String where, Map<String, String> workflowOfJob,
            List<Scenario.Submission> workflows) {
        if (!c.isObject()) {
            throw new ScenarioException(where + " must be an object");
        }
        long at = whole(c, "atMs", -1, where);
        if (at < 0) {
            throw new ScenarioException(where + ": field \"atMs\" is missing");
        }
        String job = text(c, "job", where, false);
        String workflow = text(c, "workflow", where, false);
        if ((job == null) == (workflow == null)) {
            throw new ScenarioException(where + ": give exactly one of \"job\" or \"workflow\"");
        }
        if (job != null && !workflowOfJob.containsKey(job)) {
            throw new ScenarioException(where + ": field \"job\" names unknown job \"" + job + "\"");
        }
        if (workflow != null && workflows.stream().noneMatch(w -> w.id().equals(workflow))) {
            throw new ScenarioException(where + ": field \"workflow\" names unknown workflow \"" + workflow + "\"");
        }
        return new Scenario.Cancel(at, job, workflow);
    }

    private static List<JsonNode> array(JsonNode parent, String field, String where, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw new ScenarioException(where + ": field \"" + field + "\" is missing");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw new ScenarioException(where + ": field \"" + field + "\" must be a list, got " + node.getNodeType());
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private static String text(JsonNode parent, String field, String where, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw new ScenarioException(where + ": field \"" + field + "\" is missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new ScenarioException(where + ": field \"" + field + "\" must be a non-empty string, got " + node);
        }
        return node.asText();
    }

    private static long whole(JsonNode parent, String field, long fallback, String where) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() != Math.rint(node.asDouble()) || node.asLong() < 0) {
            throw new ScenarioException(where + ": field \"" + field + "\" must be a whole number of milliseconds >= 0, got " + node);
        }
        return node.asLong();
    }

    private static int positive(JsonNode parent, String field, int fallback, String where) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asInt() < 1 || !node.canConvertToInt()) {
            throw new ScenarioException(where + ": field \"" + field + "\" must be a whole number >= 1, got " + node);
        }
        return node.asInt();
    }
}
