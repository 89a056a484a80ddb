package org.pathlane.scheduler.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Profiles;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.validation.WorkflowRejectedException;
import org.pathlane.scheduler.validation.WorkflowValidator;

/**
 * Reads and checks a scenario (format in {@code specs/scheduler.md}); any problem is a {@link ScenarioException}
 * whose message is one line naming the file, the workflow, job or field, and what is wrong. What the engine
 * would refuse only at run time, or what would run as something else than written, is refused here before
 * anything runs:
 * <ul>
 * <li>the text is exactly one JSON object: no byte order mark before it, nothing but spaces after it, no field
 *     twice in one object, at most {@value #MAX_DEPTH} levels of nesting;</li>
 * <li>{@code submitAtMs}, {@code durationMs} and {@code atMs} are whole numbers of milliseconds from 0 to
 *     {@value #MAX_MS} (one day, as for a {@code sleep} job), never wrapped around;</li>
 * <li>a {@code user} is a name the engine accepts for a profile: at most {@value Profiles#MAX_NAME_LENGTH}
 *     characters, no control characters or line separators, no space at either end.</li>
 * </ul>
 */
public final class ScenarioParser {

    /** The nesting limit (Jackson's default, named for the message); a scenario needs 6 levels. */
    static final int MAX_DEPTH = 1_000;
    /** The largest time or duration in a scenario: one day, the longest {@code sleep} job. */
    static final long MAX_MS = SleepJob.MAX_DURATION_MS;
    private static final int SHOWN_CHARS = 60;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    /** Jackson's own location inside a message ("[Source: REDACTED ...; line: 1, column: 15]"). */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]");
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Keeps 1e400 or 1.5 exact, so they are refused as written instead of as Infinity or a rounded value.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final WorkflowValidator validator = new WorkflowValidator(Map.of(SleepJob.TYPE, new SleepJob()));

    /** @param source names the scenario in messages (its file name) */
    public Scenario parse(String text, String source) {
        JsonNode root = readOneObject(text, source);
        JsonNode config = root.path("config");
        if (!config.isMissingNode() && !config.isObject()) {
            throw new ScenarioException(source + ": field \"config\" must be an object");
        }
        Limits limits = new Limits(positive(config, "maxWorkers", Limits.DEFAULT.maxWorkers(), source + ": config"),
                positive(config, "maxActiveUsers", Limits.DEFAULT.maxActiveUsers(), source + ": config"));
        List<Scenario.Submission> submissions = new ArrayList<>();
        Map<String, String> workflowOfJob = new HashMap<>();
        Map<String, Scenario.Submission> byId = new HashMap<>();
        for (JsonNode w : array(root, "workflows", source, true)) {
            Scenario.Submission submission = workflow(w, source, workflowOfJob, byId, submissions.size() + 1);
            submissions.add(submission);
            byId.put(submission.id(), submission);
        }
        List<Scenario.Cancel> cancels = new ArrayList<>();
        for (JsonNode c : array(root, "cancels", source, false)) {
            cancels.add(cancel(c, source + ": cancel #" + (cancels.size() + 1), workflowOfJob, byId));
        }
        return new Scenario(limits, List.copyOf(submissions), List.copyOf(cancels));
    }

    /** The one JSON object the text must be, or a one-line reason why it is not exactly that. */
    private static JsonNode readOneObject(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            throw new ScenarioException(source + ": the file starts with a byte order mark (BOM); save it as UTF-8"
                    + " without a byte order mark");
        }
        if (text.isBlank()) {
            throw new ScenarioException(source + ": the file is empty; a scenario is a JSON object with \"workflows\"");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode root;
            try {
                root = JSON.readTree(parser);
            } catch (StreamConstraintsException e) {
                throw new ScenarioException(source + at(e.getLocation(), parser) + ": " + tooBig(e));
            } catch (JsonProcessingException e) {
                throw new ScenarioException(source + at(e.getLocation(), parser) + ": " + notJson(e));
            }
            if (root == null || !root.isObject()) {
                throw new ScenarioException(source + ": the scenario must be a JSON object with \"workflows\"");
            }
            JsonToken after;
            JsonLocation where;
            try {
                after = parser.nextToken();
                where = parser.currentTokenLocation();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE;
                where = e.getLocation();
            }
            if (after != null) {
                throw new ScenarioException(source + at(where, parser) + ": unexpected text after the scenario object;"
                        + " a scenario is one JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a scenario from memory failed", e);
        }
    }

    private static String tooBig(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("nesting depth")) {
            return "the JSON is nested more than " + MAX_DEPTH + " levels deep; a scenario needs 6";
        }
        return "a value is too large to read (" + message.replaceAll(", from `[^`]*`", "") + ")";
    }

    private static String notJson(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.matches()) {
            return "field " + quoted(duplicate.group(1)) + " is given twice in one object; keep one";
        }
        return "not valid JSON (" + SOURCE.matcher(message.lines().findFirst().orElse("")).replaceAll("line $1, column $2")
                + ")";
    }

    /** ": line L, column C" of the first location known, as in a compiler's message; empty if none is. */
    private static String at(JsonLocation location, JsonParser parser) {
        JsonLocation known = location != null && location.getLineNr() > 0 ? location : parser.currentLocation();
        return known == null || known.getLineNr() <= 0 ? ""
                : ": line " + known.getLineNr() + ", column " + known.getColumnNr();
    }

    private Scenario.Submission workflow(JsonNode w, String source, Map<String, String> workflowOfJob,
            Map<String, Scenario.Submission> earlier, int number) {
        if (!w.isObject()) {
            throw new ScenarioException(source + ": workflow #" + number + " must be an object");
        }
        String id = text(w, "id", source + ": workflow #" + number, true);
        String where = source + ": workflow " + quoted(id);
        if (earlier.containsKey(id)) {
            throw new ScenarioException(where + ": workflow id is used twice");
        }
        String user = text(w, "user", where, true);
        checkProfileName(user, where);
        long submitAt = millis(w, "submitAtMs", 0, where);
        List<JobSpec> jobs = new ArrayList<>();
        Map<String, String> mine = new LinkedHashMap<>();
        for (JsonNode j : array(w, "jobs", where, true)) {
            String jobWhere = where + ": job #" + (jobs.size() + 1);
            if (!j.isObject()) {
                throw new ScenarioException(jobWhere + " must be an object");
            }
            String jobId = text(j, "id", jobWhere, true);
            jobWhere = where + ": job " + quoted(jobId);
            String other = workflowOfJob.get(jobId);
            if (other != null) {
                throw new ScenarioException(jobWhere + ": job id is already used in workflow " + quoted(other)
                        + "; job ids must be unique in the whole scenario");
            }
            String branch = text(j, "branch", jobWhere, true);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("durationMs", millis(j, "durationMs", 0, jobWhere));
            JsonNode fail = j.path("fail");
            if (!fail.isMissingNode() && !fail.isNull() && !fail.isBoolean()) {
                throw new ScenarioException(jobWhere + ": field \"fail\" must be true or false, got " + shown(fail));
            }
            params.put("fail", fail.asBoolean(false));
            List<String> dependsOn = new ArrayList<>();
            for (JsonNode d : array(j, "dependsOn", jobWhere, false)) {
                if (!d.isTextual()) {
                    throw new ScenarioException(jobWhere + ": field \"dependsOn\" must list job ids (strings), got " + shown(d));
                }
                dependsOn.add(d.asText());
            }
            jobs.add(new JobSpec(jobId, branch, SleepJob.TYPE, params, dependsOn));
            mine.put(jobId, id);
        }
        for (JobSpec job : jobs) {
            for (String d : job.dependsOn()) {
                if (!mine.containsKey(d) && workflowOfJob.containsKey(d)) {
                    throw new ScenarioException(where + ": job " + quoted(job.id()) + ": field \"dependsOn\" names "
                            + quoted(d) + ", a job of workflow " + quoted(workflowOfJob.get(d))
                            + "; dependencies must stay within one workflow");
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

    /**
     * What {@code Profiles.create} would refuse at run time (after the scenario had started, with exit 1 and an
     * empty trace), or would store under another name than the one the workflows name (it strips spaces).
     */
    private static void checkProfileName(String user, String where) {
        String field = where + ": field \"user\" " + quoted(user);
        if (user.length() > Profiles.MAX_NAME_LENGTH) {
            throw new ScenarioException(field + " is longer than " + Profiles.MAX_NAME_LENGTH + " characters");
        }
        int bad = user.codePoints().filter(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')
                .findFirst().orElse(-1);
        if (bad >= 0) {
            throw new ScenarioException(field + " contains a control character (" + String.format("U+%04X", bad)
                    + "); profile names are printable characters only");
        }
        if (!user.equals(user.strip())) {
            throw new ScenarioException(field + " has a leading or trailing space; profile names cannot start or end"
                    + " with one");
        }
    }

    private static Scenario.Cancel cancel(JsonNode c, String where, Map<String, String> workflowOfJob,
            Map<String, Scenario.Submission> workflows) {
        if (!c.isObject()) {
            throw new ScenarioException(where + " must be an object");
        }
        long at = millis(c, "atMs", -1, where);
        if (at < 0) {
            throw new ScenarioException(where + ": field \"atMs\" is missing");
        }
        String job = text(c, "job", where, false);
        String workflow = text(c, "workflow", where, false);
        if ((job == null) == (workflow == null)) {
            throw new ScenarioException(where + ": give exactly one of \"job\" or \"workflow\"");
        }
        if (job != null && !workflowOfJob.containsKey(job)) {
            throw new ScenarioException(where + ": field \"job\" names unknown job " + quoted(job));
        }
        if (workflow != null && !workflows.containsKey(workflow)) {
            throw new ScenarioException(where + ": field \"workflow\" names unknown workflow " + quoted(workflow));
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
            throw new ScenarioException(where + ": field \"" + field + "\" must be a non-empty string, got " + shown(node));
        }
        return node.asText();
    }

    /** A whole number of milliseconds from 0 to {@link #MAX_MS}, checked on the exact value written. */
    private static long millis(JsonNode parent, String field, long fallback, String where) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            if (value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(MAX_MS)) <= 0
                    && value.stripTrailingZeros().scale() <= 0) {
                return value.longValueExact();
            }
        }
        throw new ScenarioException(where + ": field \"" + field + "\" must be a whole number of milliseconds from 0 to "
                + MAX_MS + " (one day), got " + shown(node));
    }

    private static int positive(JsonNode parent, String field, int fallback, String where) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw new ScenarioException(where + ": field \"" + field + "\" must be a whole number >= 1, got " + shown(node));
        }
        return node.asInt();
    }

    /** A JSON value as it appears in a message: escaped, at most {@value #SHOWN_CHARS} characters. */
    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 3) + "...";
    }

    /** A name as it appears in a message: quoted and escaped as in JSON, at most {@value #SHOWN_CHARS} characters. */
    static String quoted(String name) {
        String text = TextNode.valueOf(name).toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 4) + "...\"";
    }
}
