package org.pathlane.app.live;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.WorkflowView;
import org.pathlane.viewer.overlay.OverlayShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nuclei of the signed-in user's running segmentation jobs, collected from their per-tile events from
 * sign-in on, so a viewer opened halfway through a job shows the tiles already done and then the rest as
 * they come. A job's slide is the engine's {@code slide} parameter of that job, asked once per workflow,
 * so jobs retried, resumed after a restart or submitted elsewhere show live too. When a job ends its
 * shapes are dropped (its GeoJSON holds them) and watchers hear of the end.
 * Bounded: past {@link #MAX_SHAPES} shapes nothing more is kept (watchers still get every batch).
 */
public final class LiveNuclei implements SchedulerListener, AutoCloseable {

    public static final int MAX_SHAPES = 2_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveNuclei.class);

    /** What a viewer hears. Called on the engine's delivery thread: hand work to the FX thread. */
    public interface Watcher {
        void nuclei(String workflowId, String jobId, String slide, List<OverlayShape> shapes);

        /** A job with a slide ended; {@code resultDir} holds its GeoJSON when it succeeded. */
        void ended(String workflowId, String jobId, String slide, boolean succeeded, Path resultDir);
    }

    private final Scheduler scheduler;
    private final String user;
    private final Map<String, List<OverlayShape>> byJob = new LinkedHashMap<>();
    /** workflow/job → the job's slide (empty: it has none), for the jobs heard of and not yet ended. */
    private final Map<String, Optional<String>> slides = new HashMap<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private long kept;

    public LiveNuclei(Scheduler scheduler, String user) {
        this.scheduler = scheduler;
        this.user = user;
        scheduler.addListener(user, this);
    }

    public void watch(Watcher watcher) {
        watchers.add(watcher);
    }

    public void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** The slide a job reads: its {@code slide} parameter, when it has one. */
    public static Optional<String> slideOf(JobView job) {
        Object slide = job.params().get("slide");
        return slide == null || slide.toString().isBlank() ? Optional.empty() : Optional.of(slide.toString());
    }

    /** Whether two slide paths name the same file. */
    public static boolean samePath(String a, String b) {
        try {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return a.equals(b);
        }
    }

    /** Every shape collected so far from running jobs on this slide. */
    public synchronized List<OverlayShape> collected(String slide) {
        List<OverlayShape> all = new ArrayList<>();
        byJob.forEach((key, shapes) -> {
            if (slides.getOrDefault(key, Optional.empty()).filter(s -> samePath(s, slide)).isPresent()) {
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
        List<OverlayShape> shapes = NucleusShapes.from(payload);
        if (shapes.isEmpty()) {
            return;
        }
        Optional<String> slide = slide(workflowId, jobId);
        if (slide.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (kept + shapes.size() <= MAX_SHAPES) {
                byJob.computeIfAbsent(key(workflowId, jobId), k -> new ArrayList<>()).addAll(shapes);
                kept += shapes.size();
            }
        }
        watchers.forEach(w -> w.nuclei(workflowId, jobId, slide.get(), shapes));
    }

    @Override
    public void onEvent(SchedulerEvent e) {
        boolean ended = e.type() == EventType.JOB_SUCCEEDED || e.type() == EventType.JOB_FAILED || e.type() == EventType.JOB_CANCELLED;
        if (!ended || !user.equals(e.user())) {
            return;
        }
        Optional<String> slide = slide(e.workflowId(), e.jobId());
        synchronized (this) {
            List<OverlayShape> gone = byJob.remove(key(e.workflowId(), e.jobId()));
            kept -= gone == null ? 0 : gone.size();
            slides.remove(key(e.workflowId(), e.jobId()));
        }
        slide.ifPresent(s -> {
            Path dir = scheduler.resultDir(user, e.workflowId(), e.jobId());
            watchers.forEach(w -> w.ended(e.workflowId(), e.jobId(), s, e.type() == EventType.JOB_SUCCEEDED, dir));
        });
    }

    /**
     * The job's slide, asked of the engine the first time a job of its workflow is heard of; the answer is
     * kept for the workflow's unfinished jobs until each ends.
     */
    private Optional<String> slide(String workflowId, String jobId) {
        synchronized (this) {
            Optional<String> known = slides.get(key(workflowId, jobId));
            if (known != null) {
                return known;
            }
        }
        WorkflowView workflow;
        try {
            workflow = scheduler.workflow(user, workflowId);
        } catch (RuntimeException e) {
            LOG.info("No live nuclei for job {} of workflow {}: {}", jobId, workflowId, e.getMessage());
            workflow = null;
        }
        synchronized (this) {
            if (workflow != null) {
                for (JobView job : workflow.jobs()) {
                    if (!job.status().isTerminal() || job.jobId().equals(jobId)) {
                        slides.putIfAbsent(key(workflowId, job.jobId()), slideOf(job));
                    }
                }
            }
            return slides.computeIfAbsent(key(workflowId, jobId), k -> Optional.empty());
        }
    }

    private static String key(String workflowId, String jobId) {
        return workflowId + "/" + jobId;
    }

    @Override
    public void close() {
        scheduler.removeListener(this);
        watchers.clear();
    }
}
