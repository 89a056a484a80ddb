package org.pathlane.scheduler.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener of the engine's owner that forwards to listeners attached later: given to
 * {@code SchedulerConfig.withListener} before the engine starts, for tools (the trace of {@code pathlane sim},
 * benchmarks) whose listeners need the started engine to be built.
 */
public final class ListenerRelay implements SchedulerListener {

    private final List<SchedulerListener> targets = new CopyOnWriteArrayList<>();

    public void attach(SchedulerListener listener) {
        targets.add(listener);
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        targets.forEach(t -> t.onEvent(event));
    }

    @Override
    public void onProgress(String user, String workflowId, String jobId, long done, long total, String message) {
        targets.forEach(t -> t.onProgress(user, workflowId, jobId, done, total, message));
    }

    @Override
    public void onEmit(String user, String workflowId, String jobId, Object payload) {
        targets.forEach(t -> t.onEmit(user, workflowId, jobId, payload));
    }
}
