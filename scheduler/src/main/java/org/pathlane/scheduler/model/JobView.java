package org.pathlane.scheduler.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as a user sees it.
 *
 * @param waitReason    for a PENDING job, why it waits; null otherwise
 * @param queuePosition for USER_SLOT the workflow's place in the admission queue, for BRANCH how many
 *                      unfinished jobs of the lane are ahead, for WORKER its place in the dispatch order
 *                      (all 1-based); 0 where no position applies (DEPENDENCY, or not PENDING)
 * @param progress      the last progress the running job reported (not persisted); null if none
 * @param params        the job's parameters as submitted (e.g. a segmentation's slide), read-only; empty if none
 * @param node          in a lab, the node a running job was given to (the last one for a finished job); null on a
 *                      single workstation
 */
public record JobView(String workflowId, String jobId, String branch, String type, List<String> dependsOn,
        JobStatus status, int attempt, String reason, WaitReason waitReason, int queuePosition,
        Progress progress, Instant startedAt, Instant finishedAt, Path resultDir, Map<String, Object> params,
        String node) {

    public JobView {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Why a PENDING job waits and its position, as {@link #waitReason()} and {@link #queuePosition()} give them. */
    public record Wait(WaitReason reason, int position) {
    }

    /** This job waiting for another reason, or at another place in its queue. */
    public JobView withWait(Wait wait) {
        return new JobView(workflowId, jobId, branch, type, dependsOn, status, attempt, reason, wait.reason(), wait.position(),
                progress, startedAt, finishedAt, resultDir, params, node);
    }

    /** A running job's last report: {@code done} of {@code total} units (total 0 = unknown) and a message. */
    public record Progress(long done, long total, String message) {
    }
}
