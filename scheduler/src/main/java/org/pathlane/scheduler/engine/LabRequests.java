package org.pathlane.scheduler.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.persistence.ClusterStore;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.WorkflowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lab's nodes ask of the decider through {@code pl_inbox} (JSON payloads), and how the decider applies each
 * request: one engine op per request, so the rule book settles after each, as it does for a workstation's inputs.
 */
final class LabRequests {

    static final String SUBMIT = "SUBMIT";
    static final String CANCEL_JOB = "CANCEL_JOB";
    static final String CANCEL_WORKFLOW = "CANCEL_WORKFLOW";
    static final String ENDED = "ENDED";
    static final String LIMITS = "LIMITS";

    private static final Logger LOG = LoggerFactory.getLogger(LabRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabRequests() {
    }

    static String submit(String id, String user, WorkflowSpec spec, String retryOf) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("user", user);
        p.put("retryOf", retryOf);
        p.put("spec", spec);
        return json(p);
    }

    static String cancelJob(String workflowId, String jobKey, String reason) {
        return json(Map.of("workflowId", workflowId, "jobKey", jobKey, "reason", reason));
    }

    static String cancelWorkflow(String workflowId, String reason) {
        return json(Map.of("workflowId", workflowId, "reason", reason));
    }

    /** On the decider's engine thread: takes the request (false: taken already) and applies it. */
    @SuppressWarnings("unchecked")
    static void apply(EngineLoop.Batch b, ClusterStore.InboxEntry e, NodePlacement placement, IntConsumer maxActiveUsers,
            Runnable rebuild) {
        if (!b.session().doReturningWork(c -> ClusterStore.take(c, e.seq()))) {
            return;
        }
        Map<String, Object> p;
        try {
            p = JSON.readValue(e.payload(), Map.class);
        } catch (JsonProcessingException x) {
            LOG.warn("Dropped an unreadable request {} from the lab database ({})", e.seq(), x.getOriginalMessage());
            return;
        }
        switch (e.kind()) {
            case SUBMIT -> Submissions.store(b, (String) p.get("id"), (String) p.get("user"),
                    JSON.convertValue(p.get("spec"), WorkflowSpec.class), (String) p.get("retryOf"));
            case CANCEL_JOB -> {
                WorkflowNode w = b.rules().workflow((String) p.get("workflowId"));
                JobNode job = w == null ? null : w.job((String) p.get("jobKey"));
                if (job != null) {
                    b.rules().cancelJob(job, (String) p.get("reason"));
                }
            }
            case CANCEL_WORKFLOW -> {
                WorkflowNode w = b.rules().workflow((String) p.get("workflowId"));
                if (w != null) {
                    b.rules().cancelWorkflow(w, (String) p.get("reason"));
                }
            }
            case ENDED -> ended(b, p, placement, rebuild);
            case LIMITS -> {
                int users = ((Number) p.get("maxActiveUsers")).intValue();
                maxActiveUsers.accept(users);
                placement.setMaxActiveUsers(users);
                b.rules().setLimits(placement.limits());
            }
            default -> LOG.warn("Dropped request {} of unknown kind {} from the lab database", e.seq(), e.kind());
        }
    }

    /** A job's outcome counts only from the run it was given to (not from a run found dead meanwhile). */
    static void ended(EngineLoop.Batch b, Map<String, Object> p, NodePlacement placement, Runnable rebuild) {
        String jobId = (String) p.get("jobId");
        if (!placement.accepts(jobId, (String) p.get("run"))) {
            return;
        }
        WorkflowNode w = b.rules().workflow((String) p.get("workflowId"));
        JobNode job = w == null ? null : w.job((String) p.get("jobKey"));
        if (job == null || !job.id().equals(jobId)) {
            return;
        }
        String failure = (String) p.get("failure");
        if (Boolean.TRUE.equals(p.get("elsewhere"))) {
            // This node cannot run it (its slide is not reachable from there): back to the queue for another node,
            // unless every live node has said the same.
            String node = (String) p.get("node");
            java.util.Optional<String> noneCan = placement.handOff(jobId, node);
            if (noneCan.isEmpty()) {
                String reason = node + " cannot run it (" + failure + "); waiting for another node of the lab";
                if (b.session().doReturningWork(c -> ClusterStore.handBack(c, jobId, (String) p.get("run"), reason)) == 1) {
                    rebuild.run();
                }
                return;
            }
            failure = failure + "; no node of the lab can run it (tried " + noneCan.get() + ")";
        }
        b.rules().jobEnded(job, Boolean.TRUE.equals(p.get("ok")), failure);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
