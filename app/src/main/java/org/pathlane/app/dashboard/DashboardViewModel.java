package org.pathlane.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.batch.BatchRow;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.UserQueue;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's workflows (every user's for an admin), kept live from the engine's events: an event
 * schedules one background query (however many events arrive meanwhile) whose result is handed to the FX
 * thread; progress reports patch the rows in memory without touching the database. Nothing here ever polls.
 */
public final class DashboardViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardViewModel.class);

    private record Progress(long done, long total, String message) {
    }

    private final Scheduler scheduler;
    private final String user;
    private final Function<String, String> typeLabels;
    private final UiExecutors executors;
    private final ObservableList<WorkflowRow> workflows = FXCollections.observableArrayList();
    private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper queueText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile boolean closed;
    private final AtomicBoolean progressQueued = new AtomicBoolean();
    private final Map<String, Progress> latestProgress = new ConcurrentHashMap<>();
    /**
     * The last message of jobs that carried a warning (a segment job's doubtful nuclei): the engine forgets
     * a job's progress when it ends, and a SUCCEEDED row must still say it.
     */
    private final Map<String, String> finishedWarnings = new ConcurrentHashMap<>();
    /**
     * The warnings of succeeded jobs as their result folder's {@code summary.json} records them (empty when
     * none): what a dashboard opened after a restart shows, since it saw no message. A finished job's
     * results never change, so each is read once.
     */
    private final Map<String, String> storedWarnings = new ConcurrentHashMap<>();
    private final SchedulerListener listener = new SchedulerListener() {
        @Override
        public void onEvent(SchedulerEvent event) {
            if (event.jobId() != null && event.workflowId() != null) {
                latestProgress.remove(key(event.workflowId(), event.jobId()));
            }
            refresh();
        }

        @Override
        public void onProgress(String owner, String workflowId, String jobId, long done, long total, String text) {
            latestProgress.put(key(workflowId, jobId), new Progress(done, total, text == null ? "" : text));
            if (text != null && text.contains("warning:")) {
                finishedWarnings.put(key(workflowId, jobId), text);
            }
            if (progressQueued.compareAndSet(false, true)) {
                executors.fx().execute(DashboardViewModel.this::applyProgress);
            }
        }
    };

    public DashboardViewModel(Scheduler scheduler, String user, Function<String, String> typeLabels, UiExecutors executors) {
        this.scheduler = scheduler;
        this.user = user;
        this.typeLabels = typeLabels;
        this.executors = executors;
        scheduler.addListener(user, listener);
        workflows.addListener((javafx.collections.ListChangeListener<WorkflowRow>) c -> {
            List<BatchRow> now = BatchRow.of(workflows);
            if (!now.equals(batches)) {
                batches.setAll(now);
            }
        });
        refresh();
    }

    /** The batches among the workflows (a template run over many slides), with their progress. */
    public ObservableList<BatchRow> batches() {
        return batches;
    }

    /** What cancelling a batch does, to ask before {@link #cancelBatch}. */
    public Confirmation confirmCancelBatch(BatchRow batch) {
        int waiting = batch.waiting();
        List<String> parts = new ArrayList<>();
        if (batch.running() > 0) {
            parts.add(batch.running() == 1 ? "the slide being processed stops now" : batch.running() + " slides being processed stop now");
        }
        if (waiting > 0) {
            parts.add(waiting == 1 ? "1 slide that has not started will not run" : waiting + " slides that have not started will not run");
        }
        String text = "Batch “" + batch.name() + "”: " + (parts.isEmpty() ? "nothing more of it will run" : String.join(" and ", parts))
                + ". The " + batch.finished() + " slides done keep their results."
                + (batch.user().equals(user) ? "" : " This is " + batch.user() + "’s batch: " + batch.user() + " will see it cancelled by you.");
        return new Confirmation("Cancel batch “" + batch.name() + "”?", text, "Cancel batch");
    }

    /**
     * Cancels every workflow of the batch that has not ended: the unstarted never run, the running stop. The
     * engine is asked again for the batch's workflows, so one submitted after the card was drawn is cancelled too.
     */
    public void cancelBatch(BatchRow batch) {
        act(() -> {
            int cancelled = 0;
            for (WorkflowView w : scheduler.workflows(user)) {
                boolean member = w.user().equals(batch.user())
                        && org.pathlane.app.batch.BatchTag.of(w.name()).map(t -> t.id().equals(batch.id())).orElse(false);
                if (member && !w.status().isTerminal() && scheduler.cancelWorkflow(user, w.id())) {
                    cancelled++;
                }
            }
            return "Cancelled " + cancelled + " of the batch’s " + batch.slides() + " slides.";
        });
    }

    /** Which workflows the dashboard lists. */
    public enum Filter {
        ALL("All", null, "workflows"),
        ACTIVE("Waiting or running", java.util.EnumSet.of(WorkflowStatus.WAITING, WorkflowStatus.RUNNING), "active workflows"),
        FINISHED("Succeeded", java.util.EnumSet.of(WorkflowStatus.SUCCEEDED), "succeeded workflows"),
        PROBLEMS("Failed or cancelled", java.util.EnumSet.of(WorkflowStatus.FAILED, WorkflowStatus.CANCELLED),
                "failed or cancelled workflows");

        private final String label;
        private final java.util.Set<WorkflowStatus> statuses;
        private final String noun;

        Filter(String label, java.util.Set<WorkflowStatus> statuses, String noun) {
            this.label = label;
            this.statuses = statuses;
            this.noun = noun;
        }

        public java.util.Set<WorkflowStatus> statuses() {
            return statuses;
        }

        String noun() {
            return noun;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Workflows listed at first, and added by each {@link #showOlder()}: a long history costs one page. */
    public static final int PAGE = 50;

    private volatile Filter filter = Filter.ALL;
    private volatile int limit = PAGE;
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");

    /** "Showing the newest 50 of 1,204 workflows." when older ones are not listed; empty when all are. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    /** Lists the next page of older workflows too. */
    public void showOlder() {
        limit += PAGE;
        refresh();
    }

    /** Lists only the workflows the filter keeps, from the newest page again. */
    public void setFilter(Filter shown) {
        filter = shown;
        limit = PAGE;
        refresh();
    }

    public Filter filter() {
        return filter;
    }

    public ObservableList<WorkflowRow> workflows() {
        return workflows;
    }

    /** Who holds the user slots and who waits for one. */
    public ReadOnlyStringProperty queueTextProperty() {
        return queueText.getReadOnlyProperty();
    }

    /** The outcome of the last action, e.g. a refused cancel. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Asks for a fresh view; calls arriving while one is queued are merged into it. */
    public void refresh() {
        if (closed || !refreshQueued.compareAndSet(false, true)) {
            return;
        }
        executors.background().execute(() -> {
            refreshQueued.set(false);
            if (closed) {
                return;
            }
            try {
                Filter shown = filter;
                int pageLimit = limit;
                List<WorkflowView> views = scheduler.workflows(user, shown.statuses(), pageLimit);
                long total = views.size() < pageLimit ? views.size() : scheduler.countWorkflows(user, shown.statuses());
                UserQueue queue = scheduler.userQueue();
                List<org.pathlane.scheduler.model.LabNode> nodes = scheduler.labNodes();
                List<WorkflowRow> rows = views.stream().map(this::row).toList();
                String text = queueText(queue) + nodesText(nodes);
                String more = total > rows.size()
                        ? "Showing the newest " + rows.size() + " of " + total + " " + shown.noun() + "." : "";
                executors.fx().execute(() -> {
                    queueText.set(text);
                    pageText.set(more);
                    workflows.setAll(rows);
                });
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Could not read the workflows of {}: {}", user, e.toString());
                executors.fx().execute(() -> message.set("Could not read your workflows: " + e.getMessage()));
            }
        });
    }

    /** What cancelling this job does, to ask before {@link #cancelJob}. */
    public Confirmation confirmCancelJob(WorkflowRow workflow, JobRow job) {
        String what = job.jobId() + " (" + job.typeLabel() + ") of “" + workflow.name() + "”"
                + (job.status() == JobStatus.RUNNING ? " stops now and its partial results are discarded."
                        : " will not run.");
        return new Confirmation("Cancel job " + job.jobId() + "?",
                what + " Jobs that wait for it are cancelled too; retry the workflow to run them again." + owner(workflow),
                "Cancel job");
    }

    /** What cancelling this workflow does, to ask before {@link #cancelWorkflow}. */
    public Confirmation confirmCancelWorkflow(WorkflowRow workflow) {
        long running = workflow.jobs().stream().filter(j -> j.status() == JobStatus.RUNNING).count();
        long unstarted = workflow.jobs().stream().filter(j -> j.status() == JobStatus.PENDING).count();
        List<String> parts = new ArrayList<>();
        if (running > 0) {
            parts.add(running == 1 ? "1 running job stops now" : running + " running jobs stop now");
        }
        if (unstarted > 0) {
            parts.add(unstarted == 1 ? "1 job that has not started will not run"
                    : unstarted + " jobs that have not started will not run");
        }
        String text = "“" + workflow.name() + "”: " + (parts.isEmpty() ? "nothing more of it will run" : String.join(" and ", parts))
                + ". Retry the workflow to run it again." + owner(workflow);
        return new Confirmation("Cancel workflow “" + workflow.name() + "”?", text, "Cancel workflow");
    }

    private String owner(WorkflowRow workflow) {
        return workflow.user().equals(user) ? ""
                : " This is " + workflow.user() + "’s work: " + workflow.user() + " will see it cancelled by you.";
    }

    public void cancelJob(String workflowId, String jobId) {
        act(() -> scheduler.cancelJob(user, workflowId, jobId) ? "Cancelled job " + jobId + "."
                : "Job " + jobId + " had already ended.");
    }

    public void cancelWorkflow(String workflowId) {
        act(() -> scheduler.cancelWorkflow(user, workflowId) ? "Cancelled the workflow."
                : "The workflow had already finished.");
    }

    public void retry(String workflowId) {
        act(() -> "Submitted again as " + scheduler.retry(user, workflowId) + ".");
    }

    private void act(java.util.function.Supplier<String> action) {
        executors.background().execute(() -> {
            String result;
            try {
                result = action.get();
            } catch (RuntimeException e) {
                result = "Not done: " + e.getMessage();
            }
            String text = result;
            executors.fx().execute(() -> message.set(text));
        });
    }

    private void applyProgress() {
        progressQueued.set(false);
        List<WorkflowRow> updated = new ArrayList<>(workflows.size());
        boolean changed = false;
        for (WorkflowRow w : workflows) {
            List<JobRow> jobs = new ArrayList<>(w.jobs().size());
            boolean rowChanged = false;
            for (JobRow j : w.jobs()) {
                Progress p = j.status() == JobStatus.RUNNING ? latestProgress.get(key(w.id(), j.jobId())) : null;
                if (p != null) {
                    JobRow patched = j.withProgress(fraction(p.done(), p.total()), progressText(p.done(), p.total()),
                            p.message());
                    rowChanged |= !patched.equals(j);
                    jobs.add(patched);
                } else if (j.status() == JobStatus.SUCCEEDED && finishedWarnings.containsKey(key(w.id(), j.jobId()))) {
                    // The warning arrived after the row was built from the event that the job ended.
                    String detail = succeededDetail(1, finishedWarnings.get(key(w.id(), j.jobId())));
                    JobRow patched = j.detail().contains(detail) ? j : j.withProgress(j.progress(), j.progressText(),
                            j.detail().isEmpty() ? detail : j.detail() + "; " + detail);
                    rowChanged |= patched != j;
                    jobs.add(patched);
                } else {
                    jobs.add(j);
                }
            }
            updated.add(rowChanged ? new WorkflowRow(w.id(), w.name(), w.user(), w.status(), w.submittedAt(), w.summary(), jobs) : w);
            changed |= rowChanged;
        }
        if (changed) {
            workflows.setAll(updated);
        }
    }

    private WorkflowRow row(WorkflowView w) {
        List<JobRow> jobs = w.jobs().stream().map(j -> job(j, w)).toList();
        long done = w.jobs().stream().filter(j -> j.status() == JobStatus.SUCCEEDED).count();
        String summary = done + " of " + w.jobs().size() + " jobs done";
        return new WorkflowRow(w.id(), w.name(), w.user(), w.status(), w.submittedAt(), summary, jobs);
    }

    /** {@code warning: ...} from a result folder's summary.json, or "" when it has none (or no summary). */
    static String summaryWarnings(java.nio.file.Path resultDir) {
        if (resultDir == null) {
            return "";
        }
        java.nio.file.Path summary = resultDir.resolve("summary.json");
        if (!java.nio.file.Files.isRegularFile(summary)) {
            return "";
        }
        try {
            List<String> warnings = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile()).path("warnings")
                    .forEach(w -> warnings.add(w.asText()));
            return warnings.isEmpty() ? "" : "warning: " + String.join(" Warning: ", warnings);
        } catch (java.io.IOException e) {
            LOG.warn("{}: cannot read its warnings: {}", summary, e.getMessage());
            return "";
        }
    }

    /** A succeeded job's retries, and the warnings its last message carries (doubtful nuclei, say). */
    private static String succeededDetail(int attempt, String lastMessage) {
        String retried = attempt > 1 ? "succeeded on attempt " + attempt : "";
        int warning = lastMessage == null ? -1 : lastMessage.indexOf("warning:");
        if (warning < 0) {
            return retried;
        }
        String warnings = lastMessage.substring(warning);
        return retried.isEmpty() ? warnings : retried + "; " + warnings;
    }

    private JobRow job(JobView j, WorkflowView w) {
        Progress live = latestProgress.get(key(w.id(), j.jobId()));
        JobView.Progress reported = j.progress();
        long done = live != null ? live.done() : reported != null ? reported.done() : 0;
        long total = live != null ? live.total() : reported != null ? reported.total() : 0;
        String progressMessage = live != null ? live.message() : reported != null ? reported.message() : "";
        double fraction = switch (j.status()) {
            case SUCCEEDED -> 1;
            case RUNNING -> fraction(done, total);
            default -> 0;
        };
        String detail = switch (j.status()) {
            // A reason on a waiting job: a lab node gave it back (its slide is not reachable there).
            case PENDING -> WaitText.of(j, w.jobs()) + (j.reason() == null || j.reason().isBlank() ? "" : " · " + j.reason());
            case RUNNING -> j.node() == null ? (progressMessage == null ? "" : progressMessage)
                    : "on " + j.node() + (progressMessage == null || progressMessage.isEmpty() ? "" : " · " + progressMessage);
            case FAILED, CANCELLED -> j.reason() == null ? "" : j.reason();
            case SUCCEEDED -> succeededDetail(j.attempt(), finishedWarnings.getOrDefault(key(w.id(), j.jobId()),
                    storedWarnings.computeIfAbsent(key(w.id(), j.jobId()), k -> summaryWarnings(j.resultDir()))));
        };
        return new JobRow(w.id(), j.jobId(), j.branch(), j.type(), typeLabels.apply(j.type()), j.status(), fraction,
                j.status() == JobStatus.RUNNING ? progressText(done, total) : "", detail, w.user(), j.resultDir(),
                LiveNuclei.slideOf(j).orElse(null), j.finishedAt(), j.startedAt());
    }

    /** In a lab, each live node with its own workers (maxWorkers is each node's); nothing on a workstation. */
    static String nodesText(List<org.pathlane.scheduler.model.LabNode> nodes) {
        if (nodes.isEmpty()) {
            return "";
        }
        return " · Lab nodes: " + String.join(", ", nodes.stream()
                .map(n -> n.name() + " (" + n.workers() + (n.workers() == 1 ? " worker)" : " workers)")).toList());
    }

    private String queueText(UserQueue queue) {
        String active = queue.active().isEmpty() ? "nobody" : String.join(", ", queue.active());
        String text = "User slots: " + queue.active().size() + " of " + queue.maxActiveUsers() + " in use (" + active + ")";
        if (!queue.waiting().isEmpty()) {
            int mine = queue.waiting().indexOf(user);
            text += mine >= 0 ? " · you are " + WaitText.ordinal(mine + 1) + " in line"
                    : " · waiting: " + String.join(", ", queue.waiting());
        }
        return text;
    }

    private static double fraction(long done, long total) {
        return total > 0 ? Math.min(1, (double) done / total) : -1;
    }

    private static String progressText(long done, long total) {
        return total > 0 ? done + " / " + total : done > 0 ? String.valueOf(done) : "";
    }

    private static String key(String workflowId, String jobId) {
        return workflowId + "/" + jobId;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.removeListener(listener);
    }
}
