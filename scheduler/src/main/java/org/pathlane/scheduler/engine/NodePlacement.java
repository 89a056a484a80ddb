package org.pathlane.scheduler.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.StatelessSession;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.persistence.ClusterStore;
import org.pathlane.scheduler.persistence.ClusterStore.NodeRow;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.RuleBook;
import org.pathlane.scheduler.rules.Transition;

/**
 * The decider's view of the lab's nodes, on the engine thread only. The unchanged {@link RuleBook} decides with
 * {@code maxWorkers} set to the workers of every live node together (rule 1 read per node); each job it starts is
 * given, in the same transaction, to the live node with the most free workers (this node on a tie, where it
 * starts without a round trip through the database). A node whose heartbeat is older than the lease is dead: its
 * row goes and its RUNNING jobs go back to PENDING (attempt + 1, same place), and the rule book is rebuilt from
 * the database.
 */
final class NodePlacement {

    private final String selfRun;
    private final long ttlMillis;
    private final boolean eventLog;
    private final Consumer<JobNode> startHere;
    private final Map<String, NodeRow> live = new LinkedHashMap<>();
    private final Map<String, String> runOf = new HashMap<>();
    private final Map<String, Integer> load = new HashMap<>();
    /** The nodes (by name) that said they cannot run a job, until it ends: it is given to another if there is one. */
    private final Map<String, java.util.Set<String>> cannotRun = new HashMap<>();
    private int maxActiveUsers;

    /**
     * @param startHere starts a job given to this node (after the commit)
     * @param eventLog  append every committed event to {@code pl_event} (the merged trace of {@code sim --nodes})
     */
    NodePlacement(String selfRun, long ttlMillis, boolean eventLog, int maxActiveUsers, Consumer<JobNode> startHere) {
        this.selfRun = selfRun;
        this.ttlMillis = ttlMillis;
        this.eventLog = eventLog;
        this.maxActiveUsers = maxActiveUsers;
        this.startHere = startHere;
    }

    /** Reads which run every RUNNING job was given to (after the rule book was rebuilt from the database). */
    void rebuild(StatelessSession session) {
        Map<String, String> stored = session.doReturningWork(ClusterStore::runsOfRunningJobs);
        runOf.clear();
        load.clear();
        stored.forEach((job, run) -> {
            if (run != null) {
                runOf.put(job, run);
                load.merge(run, 1, Integer::sum);
            }
        });
    }

    /**
     * Housekeeping: expires dead runs (their jobs go back to PENDING) and reads the live ones.
     *
     * @return true if jobs were put back, so the caller rebuilds the rule book from the database
     */
    boolean refresh(StatelessSession session, long now) {
        int requeued = session.doReturningWork(c -> ClusterStore.expire(c, now - ttlMillis));
        List<NodeRow> rows = session.doReturningWork(ClusterStore::nodes);
        live.clear();
        rows.forEach(r -> live.put(r.run(), r));
        return requeued > 0 || runOf.values().stream().anyMatch(run -> !live.containsKey(run));
    }

    /** Rule 1 lab-wide: the rule book may run as many jobs as the live nodes have workers together. */
    Limits limits() {
        int workers = live.values().stream().mapToInt(NodeRow::workers).sum();
        return new Limits(Math.max(1, workers), maxActiveUsers);
    }

    void setMaxActiveUsers(int users) {
        this.maxActiveUsers = users;
    }

    /** Inside the decider's transaction, after the transitions were written: places started jobs, logs events. */
    void placed(StatelessSession session, List<Transition> transitions, long now) {
        if (transitions.isEmpty()) {
            return;
        }
        session.doWork(c -> {
            List<ClusterStore.EventRow> events = eventLog ? new ArrayList<>() : null;
            boolean otherNodes = false;
            for (Transition t : transitions) {
                String node = null;
                if (t.kind() == Transition.Kind.JOB_STARTED) {
                    node = place(c, t.job(), now);
                    otherNodes |= !selfRun.equals(runOf.get(t.job().id()));
                } else if (t.kind() == Transition.Kind.CANCEL_REQUESTED) {
                    otherNodes |= !selfRun.equals(runOf.get(t.job().id()));
                } else if (t.job() != null && t.kind() != Transition.Kind.CANCEL_REQUESTED) {
                    if (t.kind() == Transition.Kind.JOB_SUCCEEDED || t.kind() == Transition.Kind.JOB_FAILED
                            || t.kind() == Transition.Kind.JOB_CANCELLED) {
                        cannotRun.remove(t.job().id());
                    }
                    String run = runOf.remove(t.job().id());
                    if (run != null) {
                        load.merge(run, -1, Integer::sum);
                    }
                }
                if (events != null && t.kind() != Transition.Kind.CANCEL_REQUESTED) {
                    events.add(new ClusterStore.EventRow(0, now, t.kind().name(), t.user(),
                            t.workflow() == null ? null : t.workflow().label(), t.job() == null ? null : t.job().key(),
                            t.job() == null ? null : t.job().branch(), t.reason(),
                            t.state() == null ? null : t.state().name(), node));
                }
            }
            if (events != null) {
                ClusterStore.record(c, events);
            }
            if (otherNodes) {
                ClusterStore.wakeNodes(c);
            }
        });
    }

    private String place(Connection c, JobNode job, long now) throws SQLException {
        NodeRow best = null;
        int bestFree = Integer.MIN_VALUE;
        java.util.Set<String> tried = cannotRun.getOrDefault(job.id(), java.util.Set.of());
        boolean anyOther = live.values().stream().anyMatch(n -> !tried.contains(n.name()));
        for (NodeRow node : live.values()) {
            if (anyOther && tried.contains(node.name())) {
                continue;
            }
            int free = node.workers() - load.getOrDefault(node.run(), 0);
            if (free > bestFree || (free == bestFree && node.run().equals(selfRun))) {
                best = node;
                bestFree = free;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no live node to run job " + job + " on");
        }
        ClusterStore.place(c, job.id(), best.name(), best.run(), now);
        runOf.put(job.id(), best.run());
        load.merge(best.run(), 1, Integer::sum);
        return best.name();
    }

    /**
     * A node said it cannot run a job (its slide is not reachable there). Kept in memory by the deciding node: a
     * new decider may offer the job to that node once more, which says so again.
     *
     * @return empty when another live node may still run it; otherwise the nodes that tried, for the reason
     */
    java.util.Optional<String> handOff(String jobId, String node) {
        java.util.Set<String> tried = cannotRun.computeIfAbsent(jobId, k -> new java.util.TreeSet<>());
        tried.add(node);
        boolean another = live.values().stream().anyMatch(n -> !tried.contains(n.name()));
        if (another) {
            return java.util.Optional.empty();
        }
        cannotRun.remove(jobId);
        return java.util.Optional.of(String.join(", ", tried));
    }

    /** After the commit: a job given to this node starts here; other nodes find theirs when they poll. */
    void started(JobNode job) {
        if (selfRun.equals(runOf.get(job.id()))) {
            startHere.accept(job);
        }
    }

    /** Whether an outcome reported by {@code run} is for the job's current placement (not a requeued one). */
    boolean accepts(String jobId, String run) {
        return run != null && run.equals(runOf.get(jobId));
    }
}
