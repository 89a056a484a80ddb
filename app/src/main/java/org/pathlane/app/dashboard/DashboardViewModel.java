package org.pathlane.app.dashboard;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.UserQueue;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's workflows (every user's for an admin), a page at a time, kept live from the engine's
 * events. The page is read once (one query, plus one for the members of the batches on it); after that an
 * event reads only the workflow it names and replaces that row in place, or inserts it at the top when it is
 * new and passes the filters. Events arriving while a read runs are merged into the next one, so a burst costs
 * a read or two, handed to the FX thread as one update each; progress reports patch rows in memory without
 * reading anything. Nothing here ever polls.
 */
public final class DashboardViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardViewModel.class);

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

    /** A workflow an event named, as read now, and whether the shown query keeps it. */
    private record Named(WorkflowRow row, boolean kept, boolean submitted) {
    }

    private final Scheduler scheduler;
    private final DashboardReads reads;
    private final String user;
    private final boolean admin;
    private final InstantSource clock;
    private final ZoneId zone;
    private final UiExecutors executors;
    private final DashboardRows rowMaker;
    private volatile boolean closed;

    private final ObservableList<WorkflowRow> workflows = FXCollections.observableArrayList();
    private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper queueText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");

    /** The filters, for this session only; read by the background reads. */
    private volatile Filter filter = Filter.ALL;
    private volatile String shownUser;
    private volatile Period period = Period.ANY;
    private volatile boolean showArchived;
    private volatile int limit = PAGE;

    /** What the next background read must do; any thread asks, {@link #read()} serves in order. */
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private final Object reading = new Object();
    private final AtomicBoolean pageWanted = new AtomicBoolean(true);
    private final AtomicBoolean countWanted = new AtomicBoolean();
    private final AtomicBoolean queueWanted = new AtomicBoolean();
    private final Set<String> namedWanted = ConcurrentHashMap.newKeySet();
    private final Set<String> submittedSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> batchesWanted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean progressQueued = new AtomicBoolean();
    private final java.util.Queue<Runnable> fxUpdates = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicBoolean fxQueued = new AtomicBoolean();

    /**
     * The engine's view each listed row was built from, to rebuild a waiting row when its place in line changes
     * without an event naming it; and the listed rows with a waiting job (set on the FX thread).
     */
    private final Map<String, WorkflowView> listedViews = new ConcurrentHashMap<>();
    private volatile Set<String> waitingRows = Set.of();

    /** FX thread only: how many workflows the shown query keeps, and every member of the batches shown. */
    private long total;
    private final BatchMembers members = new BatchMembers();

    private final SchedulerListener listener = new SchedulerListener() {
        @Override
        public void onEvent(SchedulerEvent event) {
            if (event.jobId() != null && event.workflowId() != null) {
                rowMaker.forget(event.workflowId(), event.jobId());
            }
            if (event.type() != EventType.JOB_STARTED && event.type() != EventType.JOB_SUCCEEDED
                    && event.type() != EventType.JOB_FAILED && event.type() != EventType.JOB_CANCELLED) {
                queueWanted.set(true);
            }
            if (event.workflowId() != null) {
                if (event.type() == EventType.WORKFLOW_SUBMITTED) {
                    submittedSeen.add(event.workflowId());
                }
                namedWanted.add(event.workflowId());
            }
            requestRead();
        }

        @Override
        public void onProgress(String owner, String workflowId, String jobId, long done, long total, String text) {
            rowMaker.progress(workflowId, jobId, done, total, text);
            if (progressQueued.compareAndSet(false, true)) {
                executors.fx().execute(DashboardViewModel.this::applyProgress);
            }
        }
    };

    public DashboardViewModel(Scheduler scheduler, String user, Function<String, String> typeLabels, UiExecutors executors) {
        this(scheduler, DashboardReads.of(scheduler), user, typeLabels, executors, InstantSource.system(), ZoneId.systemDefault());
    }

    DashboardViewModel(Scheduler scheduler, DashboardReads reads, String user, Function<String, String> typeLabels,
            UiExecutors executors, InstantSource clock, ZoneId zone) {
        this.scheduler = scheduler;
        this.reads = reads;
        this.user = user;
        this.executors = executors;
        this.clock = clock;
        this.zone = zone;
        this.rowMaker = new DashboardRows(typeLabels);
        this.admin = scheduler.profiles().find(user).map(UserProfile::admin).orElse(false);
        scheduler.addListener(user, listener);
        if (admin) {
            executors.background().execute(() -> {
                List<String> names = scheduler.profiles().list().stream().map(UserProfile::name).toList();
                executors.fx().execute(() -> users.setAll(names));
            });
        }
        requestRead();
    }

    public ObservableList<WorkflowRow> workflows() {
        return workflows;
    }

    /** The batches with a workflow on the page (a template run over many slides), counted over all their slides. */
    public ObservableList<BatchRow> batches() {
        return batches;
    }

    /** Who holds the user slots and who waits for one. */
    public ReadOnlyStringProperty queueTextProperty() {
        return queueText.getReadOnlyProperty();
    }

    /** The outcome of the last action, e.g. a refused cancel. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "Showing the newest 50 of 1204 workflows." when older ones are not listed; empty when all are. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
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
        pageWanted.set(true);
        requestRead();
    }

    /** The query the filters make now: the owner, states, submission times and archive state kept. */
    private WorkflowQuery query() {
        return new WorkflowQuery(admin ? shownUser : user, filter.statuses(), period.since(clock.instant(), zone),
                showArchived ? null : Boolean.FALSE);
    }

    private void requestRead() {
        if (closed || !readQueued.compareAndSet(false, true)) {
            return;
        }
        executors.background().execute(this::read);
    }

    /**
     * Serves what was asked since the last read, one read at a time (so their results reach the FX thread in the
     * order they were read): the whole page when a filter changed, otherwise only the workflows events named.
     */
    private void read() {
        readQueued.set(false);
        synchronized (reading) {
            if (closed) {
                return;
            }
            try {
                if (pageWanted.getAndSet(false)) {
                    // Every event seen so far was committed before this read starts: the page covers them.
                    namedWanted.clear();
                    submittedSeen.clear();
                    batchesWanted.clear();
                    countWanted.set(false);
                    queueWanted.set(false);
                    post(readPage());
                } else {
                    readEvents();
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Could not read the workflows of {}: {}", user, e.toString());
                post(() -> message.set("Could not read your workflows: " + e.getMessage()));
            }
        }
        if (!closed && (pageWanted.get() || !namedWanted.isEmpty() || !batchesWanted.isEmpty() || countWanted.get()
                || queueWanted.get())) {
            requestRead();
        }
    }

    /** Reads what the events since the last read named (and what they changed around them): one FX update. */
    private void readEvents() {
        List<Runnable> updates = new ArrayList<>();
        boolean queueRead = queueWanted.getAndSet(false);
        if (queueRead) {
            String text = queueText(scheduler.userQueue()) + nodesText(scheduler.labNodes());
            updates.add(() -> queueText.set(text));
        }
        Set<String> submitted = drain(submittedSeen);
        Set<String> named = drain(namedWanted);
        WorkflowQuery query = query();
        if (!named.isEmpty()) {
            updates.add(readNamed(named, submitted, query));
        }
        Set<String> others = new HashSet<>(waitingRows);
        others.removeAll(named);
        if ((!named.isEmpty() || queueRead) && !others.isEmpty()) {
            updates.add(readWaits(others));
        }
        Set<String> batchKeys = drain(batchesWanted);
        if (!batchKeys.isEmpty()) {
            List<WorkflowRow> found = reads.namedWith(user, BatchMembers.nameFragments(batchKeys)).stream()
                    .map(rowMaker::row).filter(w -> BatchMembers.key(w).filter(batchKeys::contains).isPresent())
                    .toList();
            updates.add(() -> {
                members.putAll(batchKeys, found);
                showBatches();
            });
        }
        if (countWanted.getAndSet(false)) {
            long count = reads.count(user, query);
            updates.add(() -> {
                total = count;
                showPageText();
            });
        }
        if (!updates.isEmpty()) {
            post(() -> updates.forEach(Runnable::run));
        }
    }

    /**
     * Hands an update to the FX thread. Updates that queue up while the FX thread is busy run together in one
     * go (one layout), in the order they were read.
     */
    private void post(Runnable update) {
        fxUpdates.add(update);
        if (fxQueued.compareAndSet(false, true)) {
            executors.fx().execute(() -> {
                fxQueued.set(false);
                for (Runnable next = fxUpdates.poll(); next != null; next = fxUpdates.poll()) {
                    next.run();
                }
            });
        }
    }

    /** Reads the page, its count and its batches' members; the update returned shows them. */
    private Runnable readPage() {
        WorkflowQuery query = query();
        int pageLimit = limit;
        List<WorkflowView> views = reads.page(user, query, pageLimit);
        listedViews.clear();
        views.forEach(v -> listedViews.put(v.id(), v));
        List<WorkflowRow> rows = views.stream().map(rowMaker::row).toList();
        long count = rows.size() < pageLimit ? rows.size() : reads.count(user, query);
        Set<String> batchKeys = BatchMembers.keys(rows);
        List<WorkflowRow> batchRows = batchKeys.isEmpty() ? List.of()
                : reads.namedWith(user, BatchMembers.nameFragments(batchKeys)).stream().map(rowMaker::row)
                        .filter(w -> BatchMembers.key(w).filter(batchKeys::contains).isPresent()).toList();
        String text = queueText(scheduler.userQueue()) + nodesText(scheduler.labNodes());
        return () -> {
            queueText.set(text);
            total = count;
            workflows.setAll(rows);
            members.replace(batchRows);
            showPageText();
            showBatches();
        };
    }

    /** Reads the named workflows; the update returned puts them in place on the FX thread. */
    private Runnable readNamed(Set<String> ids, Set<String> submitted, WorkflowQuery query) {
        List<WorkflowView> found = reads.workflows(user, ids);
        Set<String> gone = new HashSet<>(ids);
        List<Named> named = new ArrayList<>(found.size());
        for (WorkflowView w : found) {
            gone.remove(w.id());
            if (query.keeps(w)) {
                listedViews.put(w.id(), w);
            }
            named.add(new Named(rowMaker.row(w), query.keeps(w), submitted.contains(w.id())));
        }
        int pageLimit = limit;
        return () -> applyNamed(named, gone, query, pageLimit);
    }

    /**
     * Asks the engine (not the history) why the waiting jobs of listed rows no event named wait now; the update
     * returned rebuilds only the rows whose wait changed.
     */
    private Runnable readWaits(Set<String> ids) {
        Map<String, Map<String, org.pathlane.scheduler.model.JobView.Wait>> waits = reads.waits(user, ids);
        List<WorkflowRow> changed = new ArrayList<>();
        for (String id : ids) {
            WorkflowView view = listedViews.get(id);
            Map<String, org.pathlane.scheduler.model.JobView.Wait> now = waits.get(id);
            if (view == null || now == null) {
                continue;
            }
            boolean differs = false;
            List<org.pathlane.scheduler.model.JobView> jobs = new ArrayList<>(view.jobs().size());
            for (org.pathlane.scheduler.model.JobView j : view.jobs()) {
                org.pathlane.scheduler.model.JobView.Wait wait = now.get(j.jobId());
                boolean moved = wait != null && (wait.reason() != j.waitReason() || wait.position() != j.queuePosition());
                jobs.add(moved ? j.withWait(wait) : j);
                differs |= moved;
            }
            if (differs) {
                WorkflowView updated = new WorkflowView(view.id(), view.name(), view.user(), view.status(), view.submittedAt(),
                        view.admittedAt(), view.finishedAt(), view.retryOf(), jobs, view.archived());
                listedViews.put(id, updated);
                changed.add(rowMaker.row(updated));
            }
        }
        return () -> {
            Map<String, Integer> at = index();
            for (WorkflowRow row : changed) {
                Integer i = at.get(row.id());
                if (i != null) {
                    workflows.set(i, rowMaker.patch(row));
                }
            }
        };
    }

    /** Puts each named workflow in its place: replaced in place, inserted by submission time, or dropped. */
    private void applyNamed(List<Named> named, Set<String> gone, WorkflowQuery query, int pageLimit) {
        Map<String, Integer> at = index();
        boolean batchChanged = false;
        for (String id : gone) {
            Integer i = at.get(id);
            if (i != null) {
                listedViews.remove(workflows.remove((int) i).id());
                total--;
                at = index();
            }
        }
        for (Named n : named) {
            WorkflowRow row = n.row();
            batchChanged |= members.update(row);
            Integer i = at.get(row.id());
            if (i != null && n.kept()) {
                if (!row.equals(workflows.get(i))) {
                    workflows.set(i, row);
                }
                continue;
            }
            if (i != null) {
                // It no longer passes the filters (its state changed): it leaves the page.
                listedViews.remove(workflows.remove((int) i).id());
                total--;
                at = index();
                continue;
            }
            if (n.submitted()) {
                total += n.kept() ? 1 : 0;
            } else if (query.statuses() != null) {
                // It may have entered or left the state filter somewhere below the page: count again.
                countWanted.set(true);
            }
            if (!n.kept()) {
                continue;
            }
            int place = 0;
            while (place < workflows.size() && workflows.get(place).submittedAt().isAfter(row.submittedAt())) {
                place++;
            }
            if (place >= pageLimit) {
                listedViews.remove(row.id());
                continue;
            }
            workflows.add(place, row);
            if (workflows.size() > pageLimit) {
                listedViews.remove(workflows.removeLast().id());
            }
            at = index();
            String batch = BatchMembers.key(row).orElse(null);
            if (batch != null && !members.knows(batch)) {
                // A batch new to the page: its first slide starts it; any older slides come in one read.
                members.start(row);
                batchesWanted.add(batch);
                batchChanged = true;
            }
        }
        showPageText();
        if (batchChanged || !gone.isEmpty() || !named.isEmpty()) {
            showBatches();
        }
        if (countWanted.get() || !batchesWanted.isEmpty()) {
            requestRead();
        }
    }

    private Map<String, Integer> index() {
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < workflows.size(); i++) {
            at.put(workflows.get(i).id(), i);
        }
        return at;
    }

    private void showPageText() {
        waitingRows = workflows.stream().filter(w -> w.jobs().stream().anyMatch(j -> j.status() == JobStatus.PENDING))
                .map(WorkflowRow::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        pageText.set(total > workflows.size()
                ? "Showing the newest " + workflows.size() + " of " + total + " " + filter.noun() + "." : "");
    }

    private void showBatches() {
        List<BatchRow> now = members.rows(workflows);
        if (!now.equals(batches)) {
            batches.setAll(now);
        }
    }

    private void applyProgress() {
        progressQueued.set(false);
        for (int i = 0; i < workflows.size(); i++) {
            WorkflowRow w = workflows.get(i);
            WorkflowRow patched = rowMaker.patch(w);
            if (patched != w) {
                workflows.set(i, patched);
            }
        }
        if (members.patch(rowMaker::patch)) {
            showBatches();
        }
    }

    private static Set<String> drain(Set<String> wanted) {
        Set<String> taken = new HashSet<>();
        for (String id : List.copyOf(wanted)) {
            if (wanted.remove(id)) {
                taken.add(id);
            }
        }
        return taken;
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
        return workflows.stream().filter(WorkflowRow::archivable).toList();
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

    @Override
    public void close() {
        closed = true;
        scheduler.removeListener(listener);
    }
}
