package org.pathlane.scheduler.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlane.scheduler.api.JobSpec;

/**
 * Reads a {@code pathlane sim} trace against its scenario and reports every broken rule of
 * {@code specs/scheduler.md}, and any workflow submitted out of the sim's order ({@code submitAtMs}, ties in file
 * order: see {@code Timeline}). Independent of the engine: it rebuilds the state from the trace alone.
 *
 * <p>The engine settles after every input, so before each event that starts from outside the engine (a
 * submission, a worker's outcome, a user's cancel) the replayed state must be settled: no admissible
 * workflow waiting, no idle active user, no ready job while a worker is free (rules 3, 5, 10).
 *
 * <p>A trace of several nodes ({@code sim --nodes}) is read with rule 1 per node ({@code maxWorkers} is each
 * node's; every {@code JOB_STARTED} names its node) and a worker free when a live node seen in the trace has fewer
 * than {@code maxWorkers} jobs. A killed node's jobs go back to PENDING at one instant between its last start and the
 * first start again of one of them; that instant is not in the trace, so the checker puts them back right after the
 * node's last start and does not judge fair dispatch (rule 9) or work conservation (rule 10) until the first of them
 * starts again. Every other rule is checked throughout, and a job may start again only after its node was killed.
 */
final class TraceChecker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scenario scenario;
    /** The order {@code sim} must submit in: by {@code submitAtMs}, ties in file order. */
    private final List<String> submitOrder;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final List<Flow> queue = new ArrayList<>();
    private final Map<String, Long> activeSince = new LinkedHashMap<>();
    private final Map<String, Integer> runningOf = new HashMap<>();
    private int running;
    private long activations;
    private long submissions;
    private JsonNode previous;
    private int line;
    /** Nodes of a cluster trace (0: one engine). */
    private final int nodes;
    private final Set<String> killed;
    private final Map<String, Integer> runningOn = new HashMap<>();
    private final Set<String> deadNodes = new HashSet<>();
    /** Line number (1-based) after which each killed node's jobs are put back, and the end of its blind window. */
    private final Map<Integer, String> requeueAfter = new HashMap<>();
    private final List<int[]> blind = new ArrayList<>();
    private final Map<String, List<Job>> lanes = new HashMap<>();

    private static final class Flow {
        String id;
        String user;
        long seq = -1;
        boolean admitted;
        boolean finished;
        final List<Job> jobs = new ArrayList<>();
    }

    private static final class Job {
        String id;
        Flow flow;
        JobSpec spec;
        String status = "NONE";
        long startedAt;
        int terminalEvents;
        int starts;
        String node;
        int requeues;
        boolean putBack;
    }

    TraceChecker(Scenario scenario) {
        this(scenario, 0, Set.of());
    }

    /** A trace of {@code nodes} engines, of which the nodes named in {@code killed} were killed during the run. */
    TraceChecker(Scenario scenario, int nodes, Set<String> killed) {
        this.nodes = nodes;
        this.killed = killed;
        this.scenario = scenario;
        List<Scenario.Submission> due = new ArrayList<>(scenario.workflows());
        due.sort(Comparator.comparingLong(Scenario.Submission::submitAtMs)); // stable: ties keep file order
        this.submitOrder = due.stream().map(Scenario.Submission::id).toList();
        for (Scenario.Submission s : scenario.workflows()) {
            Flow f = new Flow();
            f.id = s.id();
            f.user = s.user();
            flows.put(f.id, f);
            for (JobSpec spec : s.spec().jobs()) {
                Job j = new Job();
                j.id = spec.id();
                j.flow = f;
                j.spec = spec;
                f.jobs.add(j);
                jobs.put(j.id, j);
                lanes.computeIfAbsent(f.user + '\u0000' + spec.branch(), k -> new ArrayList<>()).add(j);
            }
        }
    }

    /** @return every violation found, empty when the trace obeys every rule */
    List<String> check(List<String> traceLines) {
        if (nodes > 0) {
            findTakeovers(traceLines);
        }
        long lastT = 0;
        for (String text : traceLines) {
            line++;
            if (requeueAfter.containsKey(line - 1)) {
                putBack(requeueAfter.get(line - 1));
            }
            JsonNode e;
            try {
                e = JSON.readTree(text);
            } catch (Exception ex) {
                fail("not JSON: " + text);
                continue;
            }
            if (!e.path("t").isNumber() || e.path("t").asLong() < lastT) {
                fail("t missing or decreasing: " + text);
            }
            lastT = e.path("t").asLong(lastT);
            if (startsFromOutside(e)) {
                checkSettled(text);
            }
            apply(e, text);
            previous = e;
        }
        checkSettled("end of trace");
        checkEnd();
        return violations;
    }

    /** For each killed node: its last start, and the first start again of one of its jobs after it. */
    private void findTakeovers(List<String> traceLines) {
        Map<String, Integer> lastStartOn = new HashMap<>();
        List<JsonNode> parsed = new ArrayList<>();
        for (String text : traceLines) {
            JsonNode e;
            try {
                e = JSON.readTree(text);
            } catch (Exception ex) {
                e = JSON.createObjectNode();
            }
            parsed.add(e);
            if (e.path("event").asText().equals("JOB_STARTED")) {
                lastStartOn.put(e.path("node").asText(), parsed.size());
            }
        }
        for (String node : killed) {
            int last = lastStartOn.getOrDefault(node, 0);
            requeueAfter.put(last, node);
            Map<String, String> nodeOf = new HashMap<>();
            int firstAgain = last;
            for (int i = 0; i < parsed.size(); i++) {
                JsonNode e = parsed.get(i);
                if (e.path("event").asText().equals("JOB_STARTED")) {
                    String before = nodeOf.put(e.path("job").asText(), e.path("node").asText());
                    if (i + 1 > last && node.equals(before)) {
                        firstAgain = i + 1;
                        break;
                    }
                }
            }
            blind.add(new int[] {last + 1, firstAgain});
        }
    }

    private boolean blind() {
        return blind.stream().anyMatch(w -> line >= w[0] && line <= w[1]);
    }

    /** The killed node's RUNNING jobs go back to PENDING (the decider found its heartbeat expired). */
    private void putBack(String node) {
        deadNodes.add(node);
        for (Job j : jobs.values()) {
            if (j.status.equals("RUNNING") && node.equals(j.node)) {
                end(j, "PENDING");
                j.terminalEvents--;
                j.requeues++;
                j.putBack = true;
            }
        }
    }

    private boolean startsFromOutside(JsonNode e) {
        String type = e.path("event").asText();
        return switch (type) {
            case "WORKFLOW_SUBMITTED", "JOB_SUCCEEDED", "JOB_FAILED" -> true;
            case "JOB_CANCELLED" -> {
                Job j = jobs.get(e.path("job").asText());
                String reason = e.path("reason").asText();
                if (j == null || j.status.equals("RUNNING")) {
                    yield true;
                }
                if (reason.startsWith("upstream job ")) {
                    yield false;
                }
                yield !(previous != null && previous.path("event").asText().equals("JOB_CANCELLED")
                        && previous.path("workflow").asText().equals(e.path("workflow").asText()));
            }
            default -> false;
        };
    }

    private void apply(JsonNode e, String text) {
        String type = e.path("event").asText();
        long t = e.path("t").asLong();
        String user = e.path("user").asText(null);
        Flow flow = flows.get(e.path("workflow").asText(""));
        Job job = jobs.get(e.path("job").asText(""));
        if (type.startsWith("JOB_") && (job == null || flow == null || job.flow != flow
                || !job.spec.branch().equals(e.path("branch").asText()) || !flow.user.equals(user))) {
            fail("job event with wrong job, workflow, branch or user: " + text);
            return;
        }
        switch (type) {
            case "WORKFLOW_SUBMITTED" -> {
                if (flow == null || flow.seq >= 0 || !flow.user.equals(user)) {
                    fail("unexpected submission: " + text);
                    return;
                }
                String due = submitOrder.get((int) submissions);
                if (!flow.id.equals(due)) {
                    fail("sim: workflow " + flow.id + " submitted before " + due + ", which is due earlier or at the"
                            + " same time and listed first (submitAtMs order, ties in file order): " + text);
                }
                flow.seq = submissions++;
                queue.add(flow);
                flow.jobs.forEach(j -> j.status = "PENDING");
            }
            case "USER_ACTIVATED" -> {
                if (activeSince.containsKey(user)) {
                    fail("rule 2: user activated twice: " + text);
                }
                if (activeSince.size() >= scenario.limits().maxActiveUsers()) {
                    fail("rule 2: more than " + scenario.limits().maxActiveUsers() + " active users: " + text);
                }
                if (queue.isEmpty() || !queue.getFirst().user.equals(user)) {
                    fail("rule 3: activated a user whose workflow is not first in the queue: " + text);
                }
                activeSince.put(user, activations++);
            }
            case "WORKFLOW_ADMITTED" -> {
                if (queue.isEmpty() || queue.getFirst() != flow) {
                    fail("rules 3/4: admitted a workflow that is not first in the queue: " + text);
                }
                if (!activeSince.containsKey(user)) {
                    fail("rule 2: admitted a workflow of an inactive user: " + text);
                }
                queue.remove(flow);
                flow.admitted = true;
            }
            case "JOB_STARTED" -> started(job, t, text);
            case "JOB_SUCCEEDED", "JOB_FAILED" -> {
                unPutBack(job);
                if (!job.status.equals("RUNNING")) {
                    fail("job ended without running: " + text);
                }
                boolean failing = Boolean.TRUE.equals(job.spec.params().get("fail"));
                if (failing != type.equals("JOB_FAILED")) {
                    fail("job outcome does not match its \"fail\" flag: " + text);
                }
                if (type.equals("JOB_FAILED") && e.path("reason").asText().isBlank()) {
                    fail("JOB_FAILED without a reason: " + text);
                }
                long duration = ((Number) job.spec.params().get("durationMs")).longValue();
                if (t - job.startedAt < duration - 1) {
                    fail("job ended " + (t - job.startedAt) + " ms after starting, before its " + duration + " ms: " + text);
                }
                end(job, type.substring(4));
            }
            case "JOB_CANCELLED" -> {
                unPutBack(job);
                cancelled(job, e.path("reason").asText(), t, text);
            }
            case "WORKFLOW_FINISHED" -> finished(flow, e.path("state").asText(), text);
            case "USER_RELEASED" -> {
                if (activeSince.remove(user) == null) {
                    fail("released a user who was not active: " + text);
                }
                if (flows.values().stream().anyMatch(f -> f.user.equals(user) && f.admitted && !f.finished)) {
                    fail("rule 5: released a user with unfinished admitted work: " + text);
                }
            }
            default -> fail("unknown event: " + text);
        }
    }

    private void started(Job job, long t, String text) {
        if (job.status.equals("CANCELLED")) {
            fail("rule 11: a cancelled job started: " + text);
        }
        if (!ready(job)) {
            fail("rules 2/3/6/7: job started while not ready" + (job.status.equals("RUNNING") ? " (it runs already)" : "")
                    + ": " + text);
        } else if (!blind()) {
            Job expected = fairPick();
            if (expected != job) {
                fail("rule 9: started " + job.id + " but fair dispatch picks " + expected.id + ": " + text);
            }
        }
        running++;
        runningOf.merge(job.flow.user, 1, Integer::sum);
        if (nodes == 0 && running > scenario.limits().maxWorkers()) {
            fail("rule 1: " + running + " jobs running: " + text);
        }
        if (nodes > 0) {
            job.node = text.contains("\"node\"") ? nodeOf(text) : null;
            if (job.node == null || job.node.isBlank()) {
                fail("JOB_STARTED of a cluster trace without its node: " + text);
            } else if (deadNodes.contains(job.node)) {
                fail("a job started on a node that was killed: " + text);
            } else if (runningOn.merge(job.node, 1, Integer::sum) > scenario.limits().maxWorkers()) {
                fail("rule 1: " + runningOn.get(job.node) + " jobs running on " + job.node + ": " + text);
            }
        }
        job.putBack = false;
        job.status = "RUNNING";
        job.startedAt = t;
        job.starts++;
    }

    private void cancelled(Job job, String reason, long t, String text) {
        if (job.status.equals("NONE") || isTerminal(job)) {
            fail("cancelled a job that was not pending or running: " + text);
            return;
        }
        boolean direct = scenario.cancels().stream().anyMatch(c -> c.atMs() <= t
                && (job.id.equals(c.job()) || job.flow.id.equals(c.workflow())));
        boolean cascade = false;
        if (reason.startsWith("upstream job ")) {
            String upstream = reason.substring("upstream job ".length()).split(" ")[0];
            Job up = jobs.get(upstream);
            cascade = up != null && up.flow == job.flow && (up.status.equals("FAILED") || up.status.equals("CANCELLED"))
                    && upstreamOf(up, job);
        }
        if (!direct && !cascade) {
            fail("rule 8/11: cancellation with no cancel and no failed or cancelled upstream: " + text);
        }
        end(job, "CANCELLED");
    }

    private void end(Job job, String status) {
        if (job.status.equals("RUNNING")) {
            running--;
            runningOf.merge(job.flow.user, -1, Integer::sum);
            if (job.node != null) {
                runningOn.merge(job.node, -1, Integer::sum);
            }
        }
        job.status = status;
        job.terminalEvents++;
    }

    private void finished(Flow flow, String state, String text) {
        if (flow == null || flow.finished || flow.jobs.stream().anyMatch(j -> !isTerminal(j))) {
            fail("workflow finished early or twice: " + text);
            return;
        }
        String expected = flow.jobs.stream().anyMatch(j -> j.status.equals("FAILED")) ? "FAILED"
                : flow.jobs.stream().anyMatch(j -> j.status.equals("CANCELLED")) ? "CANCELLED" : "SUCCEEDED";
        if (!expected.equals(state)) {
            fail("workflow state " + state + " but its jobs say " + expected + ": " + text);
        }
        flow.finished = true;
        queue.remove(flow);
    }

    /**
     * The checker put a killed node's job back right after the node's last start; an outcome of it before it
     * started again means the decider took that outcome before it found the node dead: it was still running.
     */
    private void unPutBack(Job job) {
        if (job.putBack && job.status.equals("PENDING")) {
            job.putBack = false;
            job.requeues--;
            job.status = "RUNNING";
            running++;
            runningOf.merge(job.flow.user, 1, Integer::sum);
            runningOn.merge(job.node, 1, Integer::sum);
        }
    }

    /** Rules 2, 3, 6, 7: admitted, active user, every earlier job of the lane terminal, dependencies succeeded. */
    private boolean ready(Job job) {
        if (!job.status.equals("PENDING") || !job.flow.admitted || !activeSince.containsKey(job.flow.user)) {
            return false;
        }
        for (Job other : lanes.get(job.flow.user + '\u0000' + job.spec.branch())) {
            if (other.flow.seq >= 0 && before(other, job) && !isTerminal(other)) {
                return false;
            }
        }
        return job.spec.dependsOn().stream().allMatch(d -> jobs.get(d).status.equals("SUCCEEDED"));
    }

    private static boolean before(Job a, Job b) {
        return a.flow.seq < b.flow.seq || (a.flow == b.flow && a.flow.jobs.indexOf(a) < b.flow.jobs.indexOf(b));
    }

    /** Rule 9: fewest running jobs (ties: activated earliest), then that user's earliest-submitted ready job. */
    private Job fairPick() {
        List<Job> ready = jobs.values().stream().filter(this::ready).toList();
        String user = ready.stream().map(j -> j.flow.user).distinct()
                .min(Comparator.comparingInt((String u) -> runningOf.getOrDefault(u, 0)).thenComparingLong(activeSince::get))
                .orElseThrow();
        return ready.stream().filter(j -> j.flow.user.equals(user))
                .min(Comparator.comparingLong((Job j) -> j.flow.seq).thenComparingInt(j -> j.flow.jobs.indexOf(j)))
                .orElseThrow();
    }

    private void checkSettled(String where) {
        if (!queue.isEmpty()) {
            Flow head = queue.getFirst();
            if (activeSince.containsKey(head.user) || activeSince.size() < scenario.limits().maxActiveUsers()) {
                fail("rules 3/4: workflow " + head.id + " could be admitted but waits, before " + where);
            }
        }
        for (String user : activeSince.keySet()) {
            if (flows.values().stream().noneMatch(f -> f.user.equals(user) && f.admitted && !f.finished)) {
                fail("rule 5: user " + user + " keeps a slot with no admitted work, before " + where);
            }
        }
        if (freeWorker() && !blind()) {
            jobs.values().stream().filter(this::ready).findFirst().ifPresent(j ->
                    fail("rule 10: job " + j.id + " is ready and a worker is free, before " + where));
        }
    }

    /** One engine: fewer than maxWorkers running. Several: a live node seen in the trace has a free worker. */
    private boolean freeWorker() {
        if (nodes == 0) {
            return running < scenario.limits().maxWorkers();
        }
        return runningOn.entrySet().stream().anyMatch(n -> !deadNodes.contains(n.getKey())
                && n.getValue() < scenario.limits().maxWorkers());
    }

    private static String nodeOf(String text) {
        try {
            return JSON.readTree(text).path("node").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private void checkEnd() {
        for (Job j : jobs.values()) {
            if (j.terminalEvents != 1) {
                fail("job " + j.id + " has " + j.terminalEvents + " terminal events (expected exactly 1)");
            }
            if (j.starts > 1 + j.requeues) {
                fail("job " + j.id + " started " + j.starts + " times" + (j.requeues > 0 ? ", put back " + j.requeues
                        + " time(s) after its node was killed" : ""));
            }
            if (j.status.equals("FAILED") || j.status.equals("CANCELLED")) {
                for (Job other : j.flow.jobs) {
                    if (upstreamOf(j, other) && !other.status.equals("CANCELLED")) {
                        fail("rule 8: " + other.id + " is downstream of " + j.status + " job " + j.id + " but ended " + other.status);
                    }
                }
            }
        }
        flows.values().stream().filter(f -> !f.finished).forEach(f -> fail("workflow " + f.id + " never finished"));
        if (!activeSince.isEmpty()) {
            fail("users still active at the end: " + activeSince.keySet());
        }
    }

    /**
     * True when rule 8 (applied again to every job it cancels, rule 11) cancels {@code down} once {@code up}
     * fails or is cancelled: the closure of "later in the same branch" and "depends on" within one workflow.
     */
    private boolean upstreamOf(Job up, Job down) {
        if (up.flow != down.flow || up == down) {
            return false;
        }
        Set<Job> seen = new HashSet<>();
        List<Job> todo = new ArrayList<>(List.of(up));
        while (!todo.isEmpty()) {
            Job j = todo.removeLast();
            for (Job other : j.flow.jobs) {
                boolean laterInBranch = other.spec.branch().equals(j.spec.branch())
                        && other.flow.jobs.indexOf(other) > j.flow.jobs.indexOf(j);
                if ((laterInBranch || other.spec.dependsOn().contains(j.id)) && seen.add(other)) {
                    if (other == down) {
                        return true;
                    }
                    todo.add(other);
                }
            }
        }
        return false;
    }

    private static boolean isTerminal(Job j) {
        return j.status.equals("SUCCEEDED") || j.status.equals("FAILED") || j.status.equals("CANCELLED");
    }

    private void fail(String message) {
        if (violations.size() < 20) {
            violations.add("line " + line + ": " + message);
        }
    }
}
