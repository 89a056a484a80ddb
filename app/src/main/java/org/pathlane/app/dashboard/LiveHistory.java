package org.pathlane.app.dashboard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.batch.BatchMembers;
import org.pathlane.app.batch.BatchRow;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.UserQueue;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's page of workflows kept live from the engine's events. The page is read once (one query, plus
 * one for the members of the batches on it); after that an event reads only the workflow it names and replaces
 * that row in place, or inserts it at the top when it is new and the filters keep it. Events arriving while a
 * read runs are merged into the next one, so a burst costs a read or two, and reads that finish while the FX
 * thread is busy reach it as one update. Progress reports patch rows in memory without reading anything.
 * Nothing here ever polls.
 */
final class LiveHistory {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHistory.class);

    private final Scheduler scheduler;
    private final DashboardReads reads;
    private final String user;
    private final DashboardRows rowMaker;
    private final UiExecutors executors;
    private final ReadOnlyStringWrapper message;
    private final Supplier<WorkflowQuery> shownQuery;
    private final IntSupplier limit;
    private final Supplier<String> noun;

    /** A workflow an event named, as read now, and whether the shown query keeps it. */
    private record Named(WorkflowRow row, boolean kept, boolean submitted) {
    }

    private volatile boolean closed;

    private final ObservableList<WorkflowRow> workflows = FXCollections.observableArrayList();
    private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper queueText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");

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
        public void onArchived(String owner, List<String> workflowIds, boolean archived) {
            // Read like workflows an event named: the filters then keep or drop each.
            namedWanted.addAll(workflowIds);
            requestRead();
        }

        @Override
        public void onProgress(String owner, String workflowId, String jobId, long done, long total, String text) {
            rowMaker.progress(workflowId, jobId, done, total, text);
            if (progressQueued.compareAndSet(false, true)) {
                executors.fx().execute(LiveHistory.this::applyProgress);
            }
        }
    };

    /**
     * @param shownQuery what the filters list now
     * @param limit      how many workflows the page lists now
     * @param noun       what the filters list, for "Showing the newest 50 of 120 …"
     * @param message    where a failed read is reported
     */
    LiveHistory(Scheduler scheduler, DashboardReads reads, String user, DashboardRows rowMaker, UiExecutors executors,
            ReadOnlyStringWrapper message, Supplier<WorkflowQuery> shownQuery, IntSupplier limit, Supplier<String> noun) {
        this.scheduler = scheduler;
        this.reads = reads;
        this.user = user;
        this.rowMaker = rowMaker;
        this.executors = executors;
        this.message = message;
        this.shownQuery = shownQuery;
        this.limit = limit;
        this.noun = noun;
    }

    SchedulerListener listener() {
        return listener;
    }

    ObservableList<WorkflowRow> workflows() {
        return workflows;
    }

    ObservableList<BatchRow> batches() {
        return batches;
    }

    ReadOnlyStringWrapper queueText() {
        return queueText;
    }

    ReadOnlyStringWrapper pageText() {
        return pageText;
    }

    /** Reads the page again (a filter changed, or something no event announces, like archiving). */
    void reload() {
        pageWanted.set(true);
        requestRead();
    }

    void close() {
        closed = true;
    }

    void requestRead() {
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
        WorkflowQuery query = shownQuery.get();
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
        WorkflowQuery query = shownQuery.get();
        int pageLimit = limit.getAsInt();
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
        int pageLimit = limit.getAsInt();
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
                        view.admittedAt(), view.finishedAt(), view.retryOf(), view.archived(), jobs);
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
            if (!n.kept()) {
                if (!n.submitted() && query.statuses() != null) {
                    // It may have left the state filter somewhere below the page: count again.
                    countWanted.set(true);
                }
                continue;
            }
            int place = 0;
            while (place < workflows.size() && workflows.get(place).submittedAt().isAfter(row.submittedAt())) {
                place++;
            }
            if (n.submitted() && total == workflows.size() && workflows.size() < pageLimit) {
                // Everything was listed and this is new: the count is the list's.
                total++;
            } else if (n.submitted() || query.statuses() != null) {
                // New below a full page (its event may even be older than the page read, which counted it), or
                // entering the state filter: count again rather than guess.
                countWanted.set(true);
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
                ? "Showing the newest " + workflows.size() + " of " + total + " " + noun.get() + "." : "");
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
}
