package org.pathlane.scheduler.api;

import java.util.Map;

/**
 * A job type the engine can run ({@code sleep}, {@code segment}, ...). Handlers are registered with the
 * engine by type name; the engine calls {@link #run} on a worker thread.
 *
 * <p>A handler must honour {@link JobContext#cancellation()}: check it at least once per unit of work
 * (for image jobs, once per tile batch) and return or throw promptly once it is set, so a cancelled job
 * frees its worker within a second.
 */
public interface JobHandler {

    /** The type name used in workflows, e.g. {@code "segment"}. */
    String type();

    /**
     * What the type is called and which parameters it takes, with their defaults and ranges: the one
     * declaration the editor, the command line and {@link #validate} read. A handler that declares none is
     * shown by its type name and edited as free parameters.
     */
    default JobType schema() {
        return JobType.generic(type());
    }

    /**
     * Checks a job's parameters before anything of its workflow is stored.
     *
     * @throws IllegalArgumentException with a message naming the offending field
     */
    default void validate(Map<String, Object> params) {
        schema().check(params);
    }

    /**
     * Runs the job to completion. Returning normally means SUCCEEDED; throwing means FAILED with the
     * exception's message as the reason, unless the job was cancelled, in which case it is CANCELLED.
     */
    void run(JobContext context) throws Exception;
}
