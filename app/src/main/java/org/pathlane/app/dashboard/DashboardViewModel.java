package org.pathlane.app.dashboard;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.batch.BatchMembers;
import org.pathlane.app.batch.BatchRow;
import org.pathlane.app.batch.BatchTag;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;

/**
 * The signed-in user's workflows (every user's for an admin), a page at a time, kept live from the engine's
 * events by {@link LiveHistory} (an event reads only the workflow it names). The filters (state, whose, when
 * submitted, archived or not) are conditions of the query and last for the session; the actions (cancel,
 * retry, archive) run off the FX thread and report in {@link #messageProperty()}.
 */
public final class DashboardViewModel implements AutoCloseable {

    /** Workflows listed at first, and added by each {@link #showOlder()}: a long history costs one page. */
    public static final int PAGE = 50;

    /** Which workflows the dashboard lists, by state. */
    public enum Filter {
        ALL("All", null, "workflows"),
        ACTIVE("Waiting or running", EnumSet.of(WorkflowStatus.WAITING, WorkflowStatus.RUNNING), "active workflows"),
        FINISHED("Succeeded", EnumSet.of(WorkflowStatus.SUCCEEDED), "succeeded workflows"),
        PROBLEMS("Failed or cancelled", EnumSet.of(WorkflowStatus.FAILED, WorkflowStatus.CANCELLED),
                "failed or cancelled workflows");

        private final String label;
        private final Set<WorkflowStatus> statuses;
        private final String noun;

        Filter(String label, Set<WorkflowStatus> statuses, String noun) {
            this.label = label;
            this.statuses = statuses;
            this.noun = noun;
        }

        public Set<WorkflowStatus> statuses() {
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

    private final Scheduler scheduler;
    private final String user;
    private final boolean admin;
    private final InstantSource clock;
    private final ZoneId zone;
    private final UiExecutors executors;
    private final LiveHistory live;

    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** The filters, for this session only; read by the background reads. */
    private volatile Filter filter = Filter.ALL;
    private volatile String shownUser;
    private volatile Period period = Period.ANY;
    private volatile boolean showArchived;
    private volatile int limit = PAGE;

    public DashboardViewModel(Scheduler scheduler, String user, Function<String, String> typeLabels, UiExecutors executors) {
        this(scheduler, DashboardReads.of(scheduler), user, typeLabels, executors, InstantSource.system(), ZoneId.systemDefault());
    }

    DashboardViewModel(Scheduler scheduler, DashboardReads reads, String user, Function<String, String> typeLabels,
            UiExecutors executors, InstantSource clock, ZoneId zone) {
        this.scheduler = scheduler;
        this.user = user;
        this.executors = executors;
        this.clock = clock;
        this.zone = zone;
        this.live = new LiveHistory(scheduler, reads, user, new DashboardRows(typeLabels), executors, message, this::query,
                () -> limit, () -> filter.noun());
        this.admin = scheduler.profiles().find(user).map(UserProfile::admin).orElse(false);
        scheduler.addListener(user, live.listener());
        if (admin) {
            executors.background().execute(() -> {
                List<String> names = scheduler.profiles().list().stream().map(UserProfile::name).toList();
                executors.fx().execute(() -> users.setAll(names));
            });
        }
        live.requestRead();
    }

    public ObservableList<WorkflowRow> workflows() {
        return live.workflows();
    }

    /** The batches with a workflow on the page (a template run over many slides), counted over all their slides. */
    public ObservableList<BatchRow> batches() {
        return live.batches();
    }

    /** Who holds the user slots and who waits for one. */
    public ReadOnlyStringProperty queueTextProperty() {
        return live.queueText().getReadOnlyProperty();
    }

    /** The outcome of the last action, e.g. a refused cancel. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "Showing the newest 50 of 1204 workflows." when older ones are not listed; empty when all are. */
    public ReadOnlyStringProperty pageTextProperty() {
        return live.pageText().getReadOnlyProperty();
    }

    /** Whether the user may see every user's work, and so choose whose the dashboard lists. */
    public boolean admin() {
        return admin;
    }

    /** The profiles an admin can choose to list the work of (empty for other users). */
    public ObservableList<String> users() {
        return users;
    }

    /** Lists the next page of older workflows too. */
    public void showOlder() {
        limit += PAGE;
        reload();
    }

    /** Lists only the workflows in the states the filter keeps, from the newest page again. */
    public void setFilter(Filter shown) {
        filter = shown;
        limit = PAGE;
        reload();
    }

    public Filter filter() {
        return filter;
    }

    /** For an admin, lists only {@code name}'s workflows; null for every user's. Others always see their own. */
    public void setUser(String name) {
        shownUser = admin ? name : null;
        limit = PAGE;
        reload();
    }

    /** Whose workflows an admin lists; null for every user's. */
    public String shownUser() {
        return shownUser;
    }

    /** Lists only workflows submitted in {@code shown}, counted back from now. */
    public void setPeriod(Period shown) {
        period = shown;
        limit = PAGE;
        reload();
    }

    public Period period() {
        return period;
    }

    /** Lists archived workflows too (they are hidden otherwise). */
    public void setShowArchived(boolean shown) {
        showArchived = shown;
        limit = PAGE;
        reload();
    }

    public boolean showArchived() {
        return showArchived;
    }

    /** Reads the page again (with the members of its batches); calls arriving while one is queued are merged. */
    public void refresh() {
        reload();
    }

    private void reload() {
        live.reload();
    }

    /** The query the filters make now: the owner, states, submission times and archive state kept. */
    private WorkflowQuery query() {
        return new WorkflowQuery(admin ? shownUser : user, filter.statuses(), period.since(clock.instant(), zone),
                showArchived ? null : Boolean.FALSE);
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
     * Cancels every workflow of the batch that has not ended, listed or not: the unstarted never run, the running
     * stop. The engine is asked again for all the batch's workflows (one query), so one submitted after the card
     * was drawn is cancelled too.
     */
    public void cancelBatch(BatchRow batch) {
        act(() -> {
            int cancelled = 0;
            for (WorkflowView w : scheduler.workflowsNamedWith(user, List.of(BatchMembers.nameFragment(batch.id())))) {
                boolean member = w.user().equals(batch.user())
                        && BatchTag.of(w.name()).map(t -> t.id().equals(batch.id())).orElse(false);
                if (member && !w.status().isTerminal() && scheduler.cancelWorkflow(user, w.id())) {
                    cancelled++;
                }
            }
            return "Cancelled " + cancelled + " of the batch’s " + batch.slides() + " slides.";
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

    /** Hides a finished workflow from the dashboard; its jobs and results are kept, and it can be unarchived. */
    public void archive(WorkflowRow workflow) {
        actAndReload(() -> scheduler.archive(user, List.of(workflow.id()), true) == 1
                ? "Archived “" + workflow.name() + "”. Show archived workflows to find it again."
                : "“" + workflow.name() + "” was not archived: only a finished workflow can be.");
    }

    public void unarchive(WorkflowRow workflow) {
        actAndReload(() -> scheduler.archive(user, List.of(workflow.id()), false) == 1
                ? "“" + workflow.name() + "” is back on the dashboard." : "“" + workflow.name() + "” was not archived.");
    }

    /** The listed workflows that "Archive all finished" archives. */
    private List<WorkflowRow> archivable() {
        return live.workflows().stream().filter(WorkflowRow::archivable).toList();
    }

    /** What "Archive all finished" does, to ask before {@link #archiveFinished}; null when nothing listed has finished. */
    public Confirmation confirmArchiveFinished() {
        List<WorkflowRow> finished = archivable();
        if (finished.isEmpty()) {
            return null;
        }
        long others = finished.stream().filter(w -> !w.user().equals(user)).count();
        String text = (finished.size() == 1 ? "The finished workflow listed" : "The " + finished.size() + " finished workflows listed")
                + " leave the dashboard; their results are kept, and “Show archived” finds them again."
                + (others == 0 ? "" : " " + others + " of them belong to other users.");
        return new Confirmation("Archive " + finished.size() + " finished workflow" + (finished.size() == 1 ? "" : "s") + "?",
                text, "Archive");
    }

    /** Archives the finished workflows listed now (waiting and running ones stay). */
    public void archiveFinished() {
        List<String> ids = archivable().stream().map(WorkflowRow::id).toList();
        if (ids.isEmpty()) {
            message.set("Nothing listed has finished.");
            return;
        }
        actAndReload(() -> {
            int archived = scheduler.archive(user, ids, true);
            return "Archived " + archived + (archived == 1 ? " finished workflow." : " finished workflows.");
        });
    }

    private void actAndReload(java.util.function.Supplier<String> action) {
        act(() -> {
            String result = action.get();
            // Archiving is not a scheduler event: read the page again.
            reload();
            return result;
        });
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


    @Override
    public void close() {
        live.close();
        scheduler.removeListener(live.listener());
    }
}
