package org.pathlane.scheduler.engine;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.persistence.ClusterStore;
import org.pathlane.scheduler.persistence.Database;
import org.pathlane.scheduler.persistence.EngineLease;
import org.pathlane.scheduler.persistence.StateStore;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.WorkflowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This PathLane as one node of a lab: every node is a worker, and one at a time (the holder of the engine lease)
 * is the decider. A node registers a run of itself ({@code pl_node}) and heartbeats it; it runs the jobs the
 * decider gave its run, reports their outcomes and passes on cancel requests as soon as PostgreSQL notifies it
 * (at most a poll later); it asks the decider
 * for everything else (submissions, cancels) through {@code pl_inbox}. While it holds the lease it also decides:
 * an {@link EngineLoop} with the unchanged rule book, a {@link NodePlacement} for which node runs what, and the
 * housekeeping that puts a dead node's jobs back. When the lease is lost (another node took over after a pause)
 * the node stops deciding and goes on as a worker.
 */
final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    /** How often a node looks for new jobs, cancel requests and (the decider) requests. */
    private static final long POLL_MS = 20;
    /** The same where PostgreSQL notifies the nodes of new work: the poll is only the safety net there. */
    private static final long NOTIFIED_POLL_MS = 100;

    private final Database database;
    private final ClusterStore store;
    private final StateStore state;
    private final InstantSource clock;
    private final EventBus bus;
    private final String name;
    private final int workers;
    private final long ttlMillis;
    private final boolean eventLog;
    private final EngineLease lease;
    private final LabWakeups wakeups;
    private final Semaphore wake = new Semaphore(0);
    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, String> startedUnder = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String[]> unsent = new ConcurrentLinkedQueue<>();
    private volatile int maxActiveUsers;
    private volatile String run;
    private volatile JobRunner runner;
    private volatile EngineLoop loop;
    private volatile NodePlacement placement;
    private volatile boolean closing;
    private Thread poller;
    private boolean pollFailing;

    ClusterNode(Database database, LabDatabase lab, int workers, int maxActiveUsers, InstantSource clock, EventBus bus,
            StateStore state) {
        this.database = database;
        this.store = new ClusterStore(database);
        this.state = state;
        this.clock = clock;
        this.bus = bus;
        this.name = lab.node();
        this.workers = workers;
        this.maxActiveUsers = maxActiveUsers;
        this.ttlMillis = lab.lease().toMillis();
        this.eventLog = lab.eventLog();
        this.lease = new EngineLease(database, name, ttlMillis);
        this.wakeups = LabWakeups.available(lab) ? new LabWakeups(lab) : null;
        this.run = newRun();
    }

    private static String newRun() {
        return UUID.randomUUID().toString();
    }

    /** The nodes whose heartbeat is live, by name. */
    java.util.List<org.pathlane.scheduler.model.LabNode> liveNodes() {
        long now = clock.millis();
        return store.nodes().stream().filter(n -> now - n.heartbeatAt() <= ttlMillis)
                .map(n -> new org.pathlane.scheduler.model.LabNode(n.name(), n.workers()))
                .sorted(java.util.Comparator.comparing(org.pathlane.scheduler.model.LabNode::name)).toList();
    }

    String name() {
        return name;
    }

    int workers() {
        return workers;
    }

    int maxActiveUsers() {
        return maxActiveUsers;
    }

    /** Registers this run (its own earlier run's jobs go back to PENDING), tries to decide, and starts polling. */
    void start(JobRunner jobRunner) {
        this.runner = jobRunner;
        int requeued = store.register(run, name, workers, clock.millis());
        if (requeued > 0) {
            LOG.info("{} job(s) of node {} were running when it last stopped; they go back to PENDING and run again",
                    requeued, name);
        }
        tryToDecide();
        poller = Thread.ofPlatform().name("pathlane-node").daemon(true).start(this::poll);
    }

    /** The engine loop while this node decides, else null. */
    EngineLoop decider() {
        EngineLoop l = loop;
        return l == null || l.dead() ? null : l;
    }

    void submit(String id, String user, WorkflowSpec spec, String retryOf) {
        post(LabRequests.SUBMIT, LabRequests.submit(id, user, spec, retryOf));
    }

    void cancelJob(String workflowId, String jobKey, String reason) {
        post(LabRequests.CANCEL_JOB, LabRequests.cancelJob(workflowId, jobKey, reason));
    }

    void cancelWorkflow(String workflowId, String reason) {
        post(LabRequests.CANCEL_WORKFLOW, LabRequests.cancelWorkflow(workflowId, reason));
    }

    void setMaxActiveUsers(int users) {
        maxActiveUsers = users;
        post(LabRequests.LIMITS, LabRequests.json(Map.of("maxActiveUsers", users)));
    }

    private void post(String kind, String payload) {
        store.post(kind, payload, clock.millis());
        wake.release();
    }

    /** A worker of this node returned: the outcome goes to the decider, directly when that is this node. */
    void jobEnded(String jobId, String workflowId, String jobKey, int attempt, boolean ok, String failure,
            boolean elsewhere) {
        String startedRun = startedUnder.remove(jobId);
        cancelled.remove(jobId);
        if (startedRun == null || closing) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("jobId", jobId);
        p.put("workflowId", workflowId);
        p.put("jobKey", jobKey);
        p.put("run", startedRun);
        p.put("ok", ok);
        p.put("failure", failure);
        p.put("elsewhere", elsewhere);
        p.put("node", name);
        EngineLoop l = decider();
        if (l != null) {
            NodePlacement deciding = placement;
            l.submit(b -> {
                LabRequests.ended(b, p, deciding, l::requestRebuild);
                return null;
            }).whenComplete((r, e) -> {
                if (e != null) {
                    send(p);
                }
            });
        } else {
            send(p);
        }
    }

    private void send(Map<String, Object> outcome) {
        String payload = LabRequests.json(outcome);
        try {
            post(LabRequests.ENDED, payload);
        } catch (RuntimeException e) {
            LOG.warn("Cannot report a job's outcome to the lab database now ({}); trying again", e.getMessage());
            unsent.add(new String[] {LabRequests.ENDED, payload});
        }
    }

    private void poll() {
        long nextHeartbeat = 0;
        long nextRefresh = 0;
        long nextTry = clock.millis() + Math.max(50, ttlMillis / 3);
        long heartbeatEvery = Math.max(50, ttlMillis / 4);
        long refreshEvery = Math.min(250, heartbeatEvery);
        while (!closing) {
            try {
                long now = clock.millis();
                if (now >= nextHeartbeat) {
                    heartbeat(now);
                    nextHeartbeat = now + heartbeatEvery;
                }
                EngineLoop l = decider();
                if (l == null && now >= nextTry) {
                    // Again a third of a lease later, or just after the holder's lease runs out if that is sooner:
                    // a dead decider is replaced as soon as its lease allows.
                    nextTry = Math.min(now + Math.max(50, ttlMillis / 3), tryToDecide() + 5);
                    l = decider();
                }
                if (l != null) {
                    if (now >= nextRefresh) {
                        EngineLoop deciding = l;
                        l.submit(b -> refresh(b, deciding));
                        nextRefresh = now + refreshEvery;
                    }
                    pollInbox(l);
                }
                resend();
                pollAssigned();
                pollFailing = false;
            } catch (RuntimeException e) {
                if (!pollFailing && !closing) {
                    LOG.warn("Node {} cannot reach the lab database ({}); its jobs go on and it tries again", name,
                            e.getMessage());
                }
                pollFailing = true;
            }
            try {
                if (wakeups != null && wake.availablePermits() == 0) {
                    wakeups.await(decider() != null ? POLL_MS : NOTIFIED_POLL_MS);
                } else {
                    wake.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void heartbeat(long now) {
        if (store.heartbeat(run, workers, now)) {
            return;
        }
        // Zero rows: the decider found this run dead (it missed its heartbeats) and gave its jobs to other nodes.
        // The jobs still in this node's workers stop, their outcomes no longer count, and a new run registers.
        LOG.warn("Node {} missed its heartbeats and the lab gave its jobs to other nodes; it stops them and joins again",
                name);
        run = newRun();
        startedUnder.keySet().forEach(runner::cancel);
        startedUnder.clear();
        store.register(run, name, workers, now);
    }

    private void resend() {
        String[] next;
        while ((next = unsent.peek()) != null) {
            store.post(next[0], next[1], clock.millis());
            unsent.poll();
        }
    }

    /** Starts the jobs the decider gave this run and passes on their cancel requests (rule 11, within a poll). */
    private void pollAssigned() {
        String current = run;
        List<ClusterStore.AssignedJob> jobs = store.assigned(current);
        Set<String> ids = new java.util.HashSet<>();
        for (ClusterStore.AssignedJob j : jobs) {
            ids.add(j.id());
            startOnce(j.id(), j.attempt(), current, () -> new JobRunner.Assignment(j.id(), j.user(), j.workflowId(), j.workflowName(), j.key(),
                    j.type(), j.params(), j.attempt(), () -> store.jobKeys(j.workflowId())));
            if (j.cancelRequested() && runner.runs(j.id()) && cancelled.add(j.id())) {
                runner.cancel(j.id());
            }
        }
        synchronized (seen) {
            seen.keySet().removeIf(id -> !ids.contains(id) && !runner.runs(id));
        }
    }

    /** After the decider's commit, for a job it gave to this node. */
    private void startHere(JobNode job) {
        List<JobNode> siblings = job.workflow().jobs();
        startOnce(job.id(), job.attempt(), run, () -> new JobRunner.Assignment(job.id(), job.workflow().user(),
                job.workflow().id(), job.workflow().label(), job.key(), job.type(), job.params(), job.attempt(),
                () -> siblings.stream().map(JobNode::key).toList()));
    }

    private void startOnce(String jobId, int attempt, String underRun, java.util.function.Supplier<JobRunner.Assignment> job) {
        synchronized (seen) {
            Integer started = seen.get(jobId);
            if (started != null && started == attempt) {
                return;
            }
            seen.put(jobId, attempt);
            startedUnder.put(jobId, underRun);
        }
        runner.start(job.get());
    }

    /**
     * Takes the engine lease if it is free or expired, and then decides.
     *
     * @return when the lease another node holds runs out ({@code Long.MAX_VALUE} if this node decides now)
     */
    private synchronized long tryToDecide() {
        if (closing || decider() != null) {
            return Long.MAX_VALUE;
        }
        Optional<EngineLease.Holder> other;
        try {
            other = lease.tryAcquire(clock.millis());
        } catch (RuntimeException e) {
            // Two first nodes inserted the lease row at once and this one lost: the row exists now.
            other = lease.tryAcquire(clock.millis());
        }
        if (other.isPresent()) {
            return other.get().expiresAt();
        }
        NodePlacement p = new NodePlacement(run, ttlMillis, eventLog, maxActiveUsers, this::startHere);
        EngineLoop l = new EngineLoop(database, state, clock, bus, new Limits(workers, maxActiveUsers), lease, p);
        l.start(runner);
        placement = p;
        try {
            Scheduler.await(l.submit(b -> {
                b.store().restore(b.session(), b.rules());
                p.rebuild(b.session());
                return refresh(b, l);
            }));
        } catch (RuntimeException e) {
            l.stop();
            LOG.warn("Node {} took the engine lease but could not restore the lab's state ({}); it tries again",
                    name, e.getMessage());
            return Long.MAX_VALUE;
        }
        loop = l;
        LOG.info("Node {} decides for the lab database now", name);
        return Long.MAX_VALUE;
    }

    /** The decider's housekeeping op: dead runs' jobs go back, the live nodes' workers set rule 1's cap. */
    private Void refresh(EngineLoop.Batch b, EngineLoop deciding) {
        NodePlacement p = placement;
        if (p.refresh(b.session(), b.now())) {
            deciding.requestRebuild();
        }
        b.rules().setLimits(p.limits());
        return null;
    }

    private void pollInbox(EngineLoop l) {
        for (ClusterStore.InboxEntry e : store.inbox(256)) {
            if (inFlight.add(e.seq())) {
                l.submit(b -> {
                    LabRequests.apply(b, e, placement, users -> maxActiveUsers = users, l::requestRebuild);
                    return null;
                }).whenComplete((r, x) -> inFlight.remove(e.seq()));
            }
        }
    }

    /**
     * Stops cleanly: no more decisions, the workers stop, this run's RUNNING jobs go back to PENDING for the other
     * nodes, and the lease is given up so another node decides at once.
     */
    @Override
    public void close() {
        closing = true;
        wake.release();
        if (poller != null) {
            try {
                poller.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (wakeups != null) {
            wakeups.close();
        }
        EngineLoop l = loop;
        if (l != null) {
            l.stop();
        }
        if (runner != null) {
            runner.close();
        }
        try {
            int requeued = store.leave(run);
            if (requeued > 0) {
                LOG.info("Node {} stopped; its {} running job(s) go back to PENDING for the other nodes", name, requeued);
            }
            if (l != null && !l.dead()) {
                lease.release();
            }
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not sign off from {} ({}); the other nodes take its jobs over when its heartbeat "
                    + "expires", name, database.description(), e.getMessage());
        }
    }
}
