package org.pathlane.scheduler.engine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.persistence.Ids;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.UserQueue;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;
import org.pathlane.scheduler.persistence.Database;
import org.pathlane.scheduler.persistence.HistoryStore;
import org.pathlane.scheduler.persistence.HistoryStore.StoredWorkflow;
import org.pathlane.scheduler.persistence.EngineLease;
import org.pathlane.scheduler.persistence.ProfileStore;
import org.pathlane.scheduler.persistence.StateStore;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.RuleBook;
import org.pathlane.scheduler.rules.WaitExplainer;
import org.pathlane.scheduler.rules.WorkflowNode;
import org.pathlane.scheduler.validation.WorkflowValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler engine: the one entry point the app, the command line and the tests use. See the package
 * documentation for a usage example and the choices made where the spec is silent.
 *
 * <p>Every call names the acting user. A workflow or job of another user behaves exactly like an unknown id
 * ({@link NotFoundException}) unless the acting user is an admin. Thread-safe.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final Database database;
    private final EventBus bus = new EventBus();
    /** The engine of a workstation of its own; in a lab, {@link ClusterNode#decider()} while this node decides. */
    private final EngineLoop loop;
    private final JobRunner runner;
    private final WorkflowValidator validator;
    private final HistoryStore history;
    private final Profiles profiles;
    private final ProfileStore profileStore;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** This PathLane as a node of a lab database; null on a workstation of its own. */
    private final ClusterNode cluster;

    private Scheduler(SchedulerConfig config, Database database) {
        this.database = database;
        Map<String, JobHandler> handlers = new LinkedHashMap<>();
        handlers.put(SleepJob.TYPE, new SleepJob());
        config.handlers().forEach(h -> handlers.put(h.type(), h));
        this.validator = new WorkflowValidator(Map.copyOf(handlers));
        this.history = new HistoryStore(database);
        this.profileStore = new ProfileStore(database);
        this.profiles = new Profiles(profileStore, config.clock());
        config.listeners().forEach(l -> bus.add(null, l));
        StateStore store = new StateStore();
        Limits limits = profileStore.limits(w -> {
            LOG.warn(w);
            warnings.add(w);
        }).orElse(config.limits());
        LabDatabase lab = config.lab();
        if (lab != null) {
            // A lab: this PathLane is one node; it decides only while it holds the engine lease (see ClusterNode).
            this.cluster = new ClusterNode(database, lab, config.limits().maxWorkers(), limits.maxActiveUsers(),
                    config.clock(), bus, store);
            this.loop = null;
            this.runner = new JobRunner(handlers, config.resultsDir(), bus, cluster::jobEnded);
            try {
                cluster.start(runner);
            } catch (RuntimeException e) {
                cluster.close();
                bus.close();
                throw new IllegalStateException("Cannot join the " + database.description() + ": " + e.getMessage(), e);
            }
            return;
        }
        this.cluster = null;
        this.loop = new EngineLoop(database, store, config.clock(), bus, limits, null);
        this.runner = new JobRunner(handlers, config.resultsDir(), bus,
                (jobId, workflowId, jobKey, attempt, ok, failure, elsewhere) -> loop.submit(b -> {
                    WorkflowNode workflow = b.rules().workflow(workflowId);
                    if (workflow != null) {
                        b.rules().jobEnded(workflow.job(jobKey), ok, failure);
                    }
                    return null;
                }));
        int requeued = database.inTransaction(store::requeueInterrupted);
        if (requeued > 0) {
            LOG.info("{} job(s) were running when PathLane last stopped; they go back to PENDING and run again", requeued);
        }
        loop.start(runner);
        try {
            await(loop.submit(b -> {
                b.store().restore(b.session(), b.rules());
                return null;
            }));
        } catch (RuntimeException e) {
            loop.stop();
            runner.close();
            bus.close();
            throw new IllegalStateException("Cannot restore the scheduler's state from " + database.description() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Opens the database (migrating it), restores every unfinished workflow and starts scheduling. */
    public static Scheduler start(SchedulerConfig config) {
        Database database = config.lab() != null
                ? Database.open(config.lab().jdbcUrl(), "lab database " + config.lab().address(), config.lab().user(),
                        config.lab().password())
                : config.jdbcUrl() == null ? Database.openFile(config.dataDir())
                : Database.open(config.jdbcUrl(), "database " + config.jdbcUrl());
        try {
            return new Scheduler(config, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Subscribes {@code listener} to what {@code actingUser} may see: their own workflows' events, progress and
     * payloads; an admin gets every user's. User events ({@code USER_ACTIVATED}/{@code USER_RELEASED}) are
     * delivered the same way. Listeners that belong to the engine's owner (the trace of {@code pathlane sim},
     * benchmarks) are given at start with {@link SchedulerConfig#withListener}.
     *
     * @throws NotFoundException if there is no such profile
     */
    public void addListener(String actingUser, SchedulerListener listener) {
        boolean admin = profiles.require(actingUser).admin();
        bus.add(admin ? null : actingUser, listener);
    }

    public void removeListener(SchedulerListener listener) {
        bus.remove(listener);
    }

    /** Profiles and the slide library. */
    public Profiles profiles() {
        return profiles;
    }

    /** Rule 12 without submitting: throws {@code WorkflowRejectedException} naming the job or field. */
    public void validate(WorkflowSpec spec) {
        validator.validate(spec);
    }

    /** Validates (rule 12) and stores the workflow; it is admitted at once or waits (rules 3, 4). */
    public String submit(String user, WorkflowSpec spec) {
        return submit(user, spec, null);
    }

    /**
     * Submits without waiting for the commit: the workflow is validated now (a {@link
     * org.pathlane.scheduler.validation.WorkflowRejectedException} is thrown here), and the returned future
     * completes with its id once it is stored. Submissions from one thread are stored in call order, and those
     * made close together share one transaction, so a caller with many workflows due at once (the scenarios of
     * {@code pathlane sim}) keeps up with them. A workflow is confirmed only when the future completes.
     */
    public CompletableFuture<String> submitAsync(String user, WorkflowSpec spec) {
        return submitAsync(user, spec, null);
    }

    private String submit(String user, WorkflowSpec spec, String retryOf) {
        return await(submitAsync(user, spec, retryOf));
    }

    private CompletableFuture<String> submitAsync(String user, WorkflowSpec spec, String retryOf) {
        validator.validate(spec);
        profiles.require(user);
        String id = Ids.next();
        if (cluster != null) {
            // Stored for the lab's decider, which takes requests in the order they were committed.
            cluster.submit(id, user, spec, retryOf);
            return CompletableFuture.completedFuture(id);
        }
        return loop.submit(b -> Submissions.store(b, id, user, spec, retryOf));
    }

    /** Rule 11 for one job. @return false if it had already ended (or was already being cancelled) */
    public boolean cancelJob(String user, String workflowId, String jobId) {
        StoredWorkflow stored = visible(user, workflowId);
        if (stored.jobs().stream().noneMatch(j -> j.key().equals(jobId))) {
            throw new NotFoundException("workflow " + workflowId + " has no job \"" + jobId + "\"");
        }
        String reason = "cancelled by " + user;
        if (cluster != null) {
            boolean unfinished = stored.jobs().stream().anyMatch(j -> j.key().equals(jobId) && !j.status().isTerminal());
            if (unfinished) {
                cluster.cancelJob(workflowId, jobId, reason);
            }
            return unfinished;
        }
        return await(loop.submit(b -> {
            WorkflowNode node = b.rules().workflow(workflowId);
            return node != null && b.rules().cancelJob(node.job(jobId), reason);
        }));
    }

    /** Rule 11 for a whole workflow. @return false if it had already finished */
    public boolean cancelWorkflow(String user, String workflowId) {
        StoredWorkflow stored = visible(user, workflowId);
        String reason = "workflow cancelled by " + user;
        if (cluster != null) {
            boolean unfinished = !stored.status().isTerminal();
            if (unfinished) {
                cluster.cancelWorkflow(workflowId, reason);
            }
            return unfinished;
        }
        return await(loop.submit(b -> {
            WorkflowNode node = b.rules().workflow(workflowId);
            return node != null && b.rules().cancelWorkflow(node, reason);
        }));
    }

    /**
     * Submits the jobs of a FAILED or CANCELLED workflow again, as a new workflow of its owner (all jobs run
     * again; {@link WorkflowView#retryOf()} links the two). @return the new workflow's id
     */
    public String retry(String user, String workflowId) {
        StoredWorkflow old = visible(user, workflowId);
        if (old.status() != WorkflowStatus.FAILED && old.status() != WorkflowStatus.CANCELLED) {
            throw new IllegalStateException("workflow \"" + old.name() + "\" (" + workflowId + ") is " + old.status()
                    + "; only a FAILED or CANCELLED workflow can be retried");
        }
        List<JobSpec> jobs = old.jobs().stream()
                .map(j -> new JobSpec(j.key(), j.branch(), j.type(), j.params(), j.dependsOn())).toList();
        return submit(old.user(), new WorkflowSpec(old.name(), jobs), workflowId);
    }

    /** The acting user's workflows (every user's for an admin), newest first, with live wait reasons. */
    public List<WorkflowView> workflows(String user) {
        boolean admin = profiles.require(user).admin();
        return withLiveState(history.workflows(admin ? null : user));
    }

    /**
     * The unfinished workflows with a job running on {@code node}, whoever's they are: what stops there if the
     * node stops (asked before a desktop in a lab quits). No user check: it names only this lab's own work.
     */
    public List<WorkflowView> workflowsOnNode(String node) {
        return withLiveState(history.workflows(null, java.util.EnumSet.of(WorkflowStatus.RUNNING), Integer.MAX_VALUE)
                .stream().filter(w -> w.jobs().stream().anyMatch(j -> j.status() == JobStatus.RUNNING && node.equals(j.node())))
                .toList());
    }

    /**
     * A page of the acting user's workflows (every user's for an admin), newest first: at most {@code limit}, in
     * one of {@code statuses} (any when null). The dashboard asks for pages, so a long history costs one page.
     */
    public List<WorkflowView> workflows(String user, java.util.Set<WorkflowStatus> statuses, int limit) {
        boolean admin = profiles.require(user).admin();
        return withLiveState(history.workflows(admin ? null : user, statuses, limit));
    }

    /** How many workflows {@link #workflows(String, java.util.Set, int)} has without its limit. */
    public long countWorkflows(String user, java.util.Set<WorkflowStatus> statuses) {
        boolean admin = profiles.require(user).admin();
        return history.count(admin ? null : user, statuses);
    }

    /**
     * A page of the workflows {@code query} keeps among those the acting user may see, newest first, at most
     * {@code limit}: the dashboard's filters (owner, states, submission time, archived) applied by the database.
     * A user who is not an admin sees only their own: a query for another user's workflows lists none.
     */
    public List<WorkflowView> workflows(String user, WorkflowQuery query, int limit) {
        WorkflowQuery scoped = scoped(user, query);
        return scoped == null ? List.of() : withLiveState(history.workflows(scoped, limit));
    }

    /** How many workflows {@link #workflows(String, WorkflowQuery, int)} has without its limit. */
    public long countWorkflows(String user, WorkflowQuery query) {
        WorkflowQuery scoped = scoped(user, query);
        return scoped == null ? 0 : history.count(scoped);
    }

    /**
     * The workflows among {@code workflowIds} that the acting user may see, newest first, with live wait reasons:
     * one small query for the few workflows an event named, not a page. Unknown or hidden ids are left out.
     */
    public List<WorkflowView> workflows(String user, java.util.Collection<String> workflowIds) {
        boolean admin = profiles.require(user).admin();
        return withLiveState(history.workflows(admin ? null : user, workflowIds));
    }

    /**
     * Every workflow the acting user may see whose name contains one of {@code fragments}, newest first, archived
     * or not, in one query: all members of a few groups named alike (the slides of a batch), however old.
     */
    public List<WorkflowView> workflowsNamedWith(String user, java.util.Collection<String> fragments) {
        boolean admin = profiles.require(user).admin();
        return withLiveState(history.workflowsNamedWith(admin ? null : user, fragments));
    }

    /**
     * Archives (or unarchives) finished workflows: archived ones are hidden from the dashboard by default and
     * keep their jobs and results. A user who is not an admin may archive only their own workflows: another
     * user's id is refused like an unknown one, and the update itself is conditional on the owner, so nothing
     * is changed for a refused call. Workflows that have not finished are left as they are.
     *
     * @return how many workflows changed
     * @throws NotFoundException if one of the ids is unknown or not the acting user's to change
     */
    public int archive(String user, java.util.Collection<String> workflowIds, boolean archived) {
        boolean admin = profiles.require(user).admin();
        String owner = admin ? null : user;
        Map<String, String> ownerOf = new HashMap<>();
        history.workflows(owner, workflowIds).forEach(w -> ownerOf.put(w.id(), w.user()));
        for (String id : workflowIds) {
            if (!ownerOf.containsKey(id)) {
                throw new NotFoundException("no workflow " + id);
            }
        }
        int changed = history.archive(owner, workflowIds, archived);
        // Every open dashboard that lists them (the owner's, an admin's) takes them off or puts them back.
        Map<String, List<String>> byOwner = new java.util.TreeMap<>();
        ownerOf.forEach((id, who) -> byOwner.computeIfAbsent(who, k -> new java.util.ArrayList<>()).add(id));
        byOwner.forEach((who, ids) -> bus.archived(who, ids, archived));
        return changed;
    }

    /**
     * Why each waiting job of these workflows waits now, as the deciding engine knows it, without reading the
     * history: what changes for workflows no event named when other work starts or ends (a place in line, a
     * branch that freed). Keyed by workflow id, then job id; workflows the acting user may not see, or without
     * a waiting job, have no entry. Empty in a lab on a node that does not decide.
     */
    public Map<String, Map<String, JobView.Wait>> waits(String user, java.util.Collection<String> workflowIds) {
        boolean admin = profiles.require(user).admin();
        EngineLoop deciding = engine();
        if (deciding == null || workflowIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(workflowIds);
        return await(deciding.submit(b -> {
            WaitExplainer explainer = new WaitExplainer(b.rules());
            Map<String, Map<String, JobView.Wait>> found = new HashMap<>();
            for (String id : ids) {
                WorkflowNode node = b.rules().workflow(id);
                if (node == null || !(admin || node.user().equals(user))) {
                    continue;
                }
                for (JobNode j : node.jobs()) {
                    WaitExplainer.Wait wait = explainer.explain(j);
                    if (wait != null) {
                        found.computeIfAbsent(id, k -> new HashMap<>()).put(j.key(), new JobView.Wait(wait.reason(), wait.position()));
                    }
                }
            }
            return found;
        }));
    }

    /** The query as {@code user} may ask it: an admin's as given, anyone else's for their own; null if it names another user. */
    private WorkflowQuery scoped(String user, WorkflowQuery query) {
        if (profiles.require(user).admin()) {
            return query;
        }
        return query.owner() == null || query.owner().equals(user) ? query.withOwner(user) : null;
    }

    public WorkflowView workflow(String user, String workflowId) {
        return withLiveState(List.of(visible(user, workflowId))).getFirst();
    }

    private List<WorkflowView> withLiveState(List<StoredWorkflow> stored) {
        EngineLoop deciding = engine();
        // In a lab only the deciding node knows why a job waits; the others show the stored state.
        Map<String, WaitExplainer.Wait> waits = deciding == null ? Map.of() : await(deciding.submit(b -> {
            RuleBook rules = b.rules();
            WaitExplainer explainer = new WaitExplainer(rules);
            Map<String, WaitExplainer.Wait> found = new HashMap<>();
            for (StoredWorkflow w : stored) {
                WorkflowNode node = rules.workflow(w.id());
                if (node != null) {
                    node.jobs().forEach(j -> {
                        WaitExplainer.Wait wait = explainer.explain(j);
                        if (wait != null) {
                            found.put(j.id(), wait);
                        }
                    });
                }
            }
            return found;
        }));
        return stored.stream().map(w -> new WorkflowView(w.id(), w.name(), w.user(), w.status(), w.submittedAt(),
                w.admittedAt(), w.finishedAt(), w.retryOf(), w.archived(), w.jobs().stream().map(j -> {
                    WaitExplainer.Wait wait = j.status() == JobStatus.PENDING ? waits.get(j.id()) : null;
                    return new JobView(w.id(), j.key(), j.branch(), j.type(), j.dependsOn(), j.status(), j.attempt(),
                            j.reason(), wait == null ? null : wait.reason(), wait == null ? 0 : wait.position(),
                            runner.progress(j.id()), j.startedAt(), j.finishedAt(),
                            runner.existingResultDir(w.user(), w.id(), w.name(), j.key()), j.params(), j.node());
                }).toList())).toList();
    }

    /** Who holds an active slot and who waits, in order. Names only: visible to every user. */
    public UserQueue userQueue() {
        EngineLoop deciding = engine();
        if (deciding == null) {
            return storedQueue();
        }
        return await(deciding.submit(b -> {
            List<String> waiting = b.rules().admissionQueue().stream().map(WorkflowNode::user)
                    .filter(u -> !b.rules().activeUsers().contains(u)).distinct().toList();
            return new UserQueue(b.rules().activeUsers(), waiting, b.rules().limits().maxActiveUsers());
        }));
    }

    /**
     * What the scheduler found wrong but could work around when it started (e.g. saved limits it could not read,
     * so the defaults apply): one line each, for the app to show. Empty when all is well.
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The user queue as the database holds it, for a lab node that does not decide (a desktop among others):
     * users with a RUNNING workflow hold a slot; users with only WAITING ones wait, in submission order.
     */
    private UserQueue storedQueue() {
        List<String> active = history.usersWith(WorkflowStatus.RUNNING);
        List<String> waiting = new java.util.ArrayList<>(history.usersWith(WorkflowStatus.WAITING));
        waiting.removeAll(active);
        return new UserQueue(active, waiting, limits().maxActiveUsers());
    }

    /** In a lab, this node's name (the one {@link JobView#node()} gives for the jobs it runs); empty otherwise. */
    public java.util.Optional<String> labNode() {
        return cluster == null ? java.util.Optional.empty() : java.util.Optional.of(cluster.name());
    }

    /** In a lab, the live nodes and their workers; empty on a single workstation. */
    public List<org.pathlane.scheduler.model.LabNode> labNodes() {
        return cluster == null ? List.of() : cluster.liveNodes();
    }

    public Limits limits() {
        if (cluster != null) {
            // maxWorkers is this node's own; maxActiveUsers holds lab-wide.
            return new Limits(cluster.workers(), cluster.maxActiveUsers());
        }
        return await(loop.submit(b -> b.rules().limits()));
    }

    /**
     * Changes the limits at once and saves them (admin only). Lowering a limit stops nothing that runs: it
     * takes effect as running jobs end and active users are released.
     */
    public void setLimits(String user, Limits limits) {
        profiles.requireAdmin(user, "change the limits");
        profileStore.saveLimits(limits);
        if (cluster != null) {
            cluster.setMaxActiveUsers(limits.maxActiveUsers());
            return;
        }
        await(loop.submit(b -> {
            b.rules().setLimits(limits);
            return null;
        }));
    }

    /** The folder where a job writes its results ({@code results/<user>/<workflow>/<job>/}). */
    public Path resultDir(String user, String workflowId, String jobId) {
        StoredWorkflow stored = visible(user, workflowId);
        return runner.existingResultDir(stored.user(), workflowId, stored.name(), jobId);
    }

    private StoredWorkflow visible(String user, String workflowId) {
        boolean admin = profiles.require(user).admin();
        return history.workflow(workflowId == null ? "" : workflowId).filter(w -> admin || w.user().equals(user))
                .orElseThrow(() -> new NotFoundException("no workflow " + workflowId));
    }

    /**
     * Stops scheduling. Running jobs are interrupted and stay RUNNING in the database: the next start puts
     * them back to PENDING (attempt + 1), exactly as after a crash. A node of a lab puts its running jobs back to
     * PENDING at once, for the other nodes, and gives up the engine lease if it held it.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (cluster != null) {
            cluster.close();
        } else {
            loop.stop();
            runner.close();
        }
        bus.close();
        database.close();
    }

    /** The engine that decides here: this workstation's, or in a lab this node's while it holds the lease. */
    private EngineLoop engine() {
        return cluster == null ? loop : cluster.decider();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
