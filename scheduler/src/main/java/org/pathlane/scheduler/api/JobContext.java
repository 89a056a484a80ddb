package org.pathlane.scheduler.api;

import java.nio.file.Path;
import java.util.Map;

/** What a running job sees of the engine. One instance per attempt. */
public interface JobContext {

    String user();

    String workflowId();

    String jobId();

    /** 1 for the first run; incremented each time a crash put the job back to PENDING. */
    int attempt();

    /** The job's parameters as submitted (JSON-compatible values: String, Number, Boolean, List, Map). */
    Map<String, Object> params();

    /** A folder owned by this job for its results and checkpoints; it survives restarts of the engine. */
    Path resultDir();

    /**
     * The result folder of another job of this same workflow, named by its job id (never by a path: a job reads
     * no other workflow's or user's results). It may not exist yet.
     *
     * @throws IllegalArgumentException if this workflow has no job with that id
     */
    Path resultDirOf(String jobId);

    CancellationToken cancellation();

    ProgressSink progress();

    /**
     * Publishes an in-process notification from the job to the engine's listeners (for example a
     * segmentation job's cells of one finished tile, so a viewer can overlay them live). Not persisted.
     */
    void emit(Object payload);
}
