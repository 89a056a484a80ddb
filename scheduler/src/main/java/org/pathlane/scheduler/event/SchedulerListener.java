package org.pathlane.scheduler.event;

/**
 * Receives the engine's events on one dedicated delivery thread, in commit order, after the commit and
 * never while a database transaction is open. Keep the methods quick (hand work to another thread, e.g.
 * {@code Platform.runLater}); an exception thrown here is logged and does not stop delivery.
 */
public interface SchedulerListener {

    default void onEvent(SchedulerEvent event) {
    }

    /** A running job's progress ({@code ProgressSink.report}); not persisted. */
    default void onProgress(String user, String workflowId, String jobId, long done, long total, String message) {
    }

    /** A payload a running job published with {@code JobContext.emit}; not persisted. */
    default void onEmit(String user, String workflowId, String jobId, Object payload) {
    }

    /**
     * Some of {@code user}'s finished workflows were archived or unarchived (by them or an admin), on this node;
     * not a scheduling event, so not in the trace.
     */
    default void onArchived(String user, java.util.List<String> workflowIds, boolean archived) {
    }
}
