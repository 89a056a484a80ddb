package org.pathlane.app.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.viewer.overlay.OverlayShape;

/**
 * The nuclei of the signed-in user's running segmentation jobs, collected from their per-tile events from
 * sign-in on, so a viewer opened halfway through a job shows the tiles already done and then the rest as
 * they come. When a job ends its shapes are dropped (its GeoJSON holds them) and watchers hear of the end.
 * Bounded: past {@link #MAX_SHAPES} shapes nothing more is kept (watchers still get every batch).
 */
public final class LiveNuclei implements SchedulerListener, AutoCloseable {

    public static final int MAX_SHAPES = 2_000_000;

    /** What a viewer hears. Called on the engine's delivery thread: hand work to the FX thread. */
    public interface Watcher {
        void nuclei(String workflowId, String jobId, String slide, List<OverlayShape> shapes);

        /** A job with a slide ended; {@code resultDir} holds its GeoJSON when it succeeded. */
        void ended(String workflowId, String jobId, String slide, boolean succeeded, Path resultDir);
    }

    private final Scheduler scheduler;
    private final String user;
    private final SubmittedJobs submitted;
    private final Map<String, List<OverlayShape>> byJob = new LinkedHashMap<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** Tiles of jobs not yet remembered: a job can emit before {@code submit} has returned its workflow id. */
    private final Map<String, List<Object>> early = new LinkedHashMap<>();
    private final java.util.function.Consumer<String> remembered = this::replayEarly;
    private long kept;

    public LiveNuclei(Scheduler scheduler, String user, SubmittedJobs submitted) {
        this.scheduler = scheduler;
        this.user = user;
        this.submitted = submitted;
        submitted.onRemember(remembered);
        scheduler.addListener(user, this);
    }

    public void watch(Watcher watcher) {
        watchers.add(watcher);
    }

    public void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** Every shape collected so far from running jobs on this slide. */
    public synchronized List<OverlayShape> collected(String slide) {
        List<OverlayShape> all = new ArrayList<>();
        byJob.forEach((key, shapes) -> {
            String[] ids = key.split("/", 2);
            if (submitted.slideOf(ids[0], ids[1]).filter(s -> SubmittedJobs.samePath(s, slide)).isPresent()) {
                all.addAll(shapes);
            }
        });
        return all;
    }

    @Override
    public void onEmit(String owner, String workflowId, String jobId, Object payload) {
        if (!owner.equals(user)) {
            return;
        }
        var slide = submitted.slideOf(workflowId, jobId);
        if (slide.isEmpty()) {
            if (!keepEarly(workflowId, jobId, payload)) {
                onEmit(owner, workflowId, jobId, payload);
            }
            return;
        }
        List<OverlayShape> shapes = NucleusShapes.from(payload);
        if (shapes.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (kept + shapes.size() <= MAX_SHAPES) {
                byJob.computeIfAbsent(workflowId + "/" + jobId, k -> new ArrayList<>()).addAll(shapes);
                kept += shapes.size();
            }
        }
        watchers.forEach(w -> w.nuclei(workflowId, jobId, slide.get(), shapes));
    }

    /** @return false when the job became known meanwhile (then the caller handles the payload at once) */
    private synchronized boolean keepEarly(String workflowId, String jobId, Object payload) {
        if (submitted.slideOf(workflowId, jobId).isPresent()) {
            return false;
        }
        if (early.size() < 64 || early.containsKey(workflowId + "/" + jobId)) {
            List<Object> payloads = early.computeIfAbsent(workflowId + "/" + jobId, k -> new ArrayList<>());
            if (payloads.size() < 10_000) {
                payloads.add(payload);
            }
        }
        return true;
    }

    private void replayEarly(String workflowId) {
        Map<String, List<Object>> mine = new LinkedHashMap<>();
        synchronized (this) {
            early.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(workflowId + "/")) {
                    mine.put(e.getKey(), e.getValue());
                    return true;
                }
                return false;
            });
        }
        mine.forEach((key, payloads) -> payloads.forEach(p -> onEmit(user, workflowId, key.substring(workflowId.length() + 1), p)));
    }

    @Override
    public void onEvent(SchedulerEvent e) {
        boolean ended = e.type() == EventType.JOB_SUCCEEDED || e.type() == EventType.JOB_FAILED || e.type() == EventType.JOB_CANCELLED;
        if (!ended || !user.equals(e.user())) {
            return;
        }
        synchronized (this) {
            early.remove(e.workflowId() + "/" + e.jobId());
            List<OverlayShape> gone = byJob.remove(e.workflowId() + "/" + e.jobId());
            kept -= gone == null ? 0 : gone.size();
        }
        submitted.slideOf(e.workflowId(), e.jobId()).ifPresent(slide -> {
            Path dir = scheduler.resultDir(user, e.workflowId(), e.jobId());
            watchers.forEach(w -> w.ended(e.workflowId(), e.jobId(), slide, e.type() == EventType.JOB_SUCCEEDED, dir));
        });
    }

    @Override
    public void close() {
        submitted.removeListener(remembered);
        scheduler.removeListener(this);
        watchers.clear();
    }
}
