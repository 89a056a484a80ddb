package org.pathlane.scheduler.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.StatelessSession;

/**
 * The rows that let several nodes share one database (migration V4): {@code pl_node} (each running node process,
 * a run, with its workers and heartbeat), the node columns of {@code pl_job}, {@code pl_inbox} (what nodes ask
 * of the decider) and {@code pl_event} (the decider's events for a merged trace). Every change is a conditional
 * statement; zero rows changed means another node got there first (a lost race), never corruption.
 *
 * <p>The ideas come from db-scheduler (a picked row names who picked it and carries a heartbeat; executions whose
 * heartbeat is stale are dead and revived) and JobRunr (each server registers itself and heartbeats; one server
 * does the cluster's housekeeping and puts the orphaned jobs of dead servers back).
 */
public final class ClusterStore {

    /** A node run as registered: its name, its workers and when it last said it is alive. */
    public record NodeRow(String run, String name, int workers, long heartbeatAt) {
    }

    /** A RUNNING job given to a run, as the run's workers need it. */
    public record AssignedJob(String id, String workflowId, String workflowName, String user, String key, String type,
            Map<String, Object> params, int attempt, boolean cancelRequested) {
    }

    /** A request waiting for the decider. */
    public record InboxEntry(long seq, String kind, String payload) {
    }

    /** One committed event of the decider, for {@code pathlane sim --nodes}. */
    public record EventRow(long seq, long atMs, String event, String user, String workflow, String job, String branch,
            String reason, String state, String node) {
    }

    /** The PostgreSQL notification channel that wakes the nodes' polls (see {@code LabWakeups}). */
    public static final String CHANNEL = "pathlane_lab";

    private static final String REQUEUE = "update pl_job set status = 'PENDING', attempt = attempt + 1, started_at = null, "
            + "node_name = null, node_run = null, heartbeat_at = null where status = 'RUNNING' and ";

    private final Database database;

    public ClusterStore(Database database) {
        this.database = database;
    }

    /**
     * Registers a new run of node {@code name}. A node only ever requeues its own jobs at start: RUNNING jobs of an
     * earlier run of the same name go back to PENDING (attempt + 1), in the same transaction.
     *
     * @return how many jobs of an earlier run were put back
     */
    public int register(String run, String name, int workers, long now) {
        return database.inTransaction(session -> work(session, c -> {
            int requeued = update(c, REQUEUE + "node_name = ? and node_run <> ?", name, run);
            update(c, "delete from pl_node where node_name = ?", name);
            update(c, "insert into pl_node (node_run, node_name, workers, started_at, heartbeat_at) values (?, ?, ?, ?, ?)",
                    run, name, workers, now, now);
            return requeued;
        }));
    }

    /**
     * The run's heartbeat, on its row and on its RUNNING jobs. @return false if the run's row is gone: the decider
     * found it dead (it missed its heartbeats) and its jobs were given to other nodes
     */
    public boolean heartbeat(String run, int workers, long now) {
        return database.inTransaction(session -> work(session, c -> {
            if (update(c, "update pl_node set heartbeat_at = ?, workers = ? where node_run = ?", now, workers, run) != 1) {
                return false;
            }
            update(c, "update pl_job set heartbeat_at = ? where node_run = ? and status = 'RUNNING'", now, run);
            return true;
        }));
    }

    /** A clean stop: the run's RUNNING jobs go back to PENDING for other nodes and its row goes. */
    public int leave(String run) {
        return database.inTransaction(session -> work(session, c -> {
            int requeued = update(c, REQUEUE + "node_run = ?", run);
            update(c, "delete from pl_node where node_run = ?", run);
            return requeued;
        }));
    }

    public List<NodeRow> nodes() {
        return database.inTransaction(session -> work(session, ClusterStore::nodes));
    }

    public static List<NodeRow> nodes(Connection c) throws SQLException {
        List<NodeRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select node_run, node_name, workers, heartbeat_at from pl_node "
                + "order by started_at, node_run"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new NodeRow(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4)));
            }
        }
        return rows;
    }

    /**
     * The decider's housekeeping, inside its transaction: deletes the row of every run whose heartbeat is older than
     * {@code staleBefore} and puts its RUNNING jobs back to PENDING (attempt + 1; their order is unchanged, so they
     * keep their place), and does the same for RUNNING jobs of no registered run (left by a PathLane before V4).
     *
     * @return how many jobs were put back (0 when another node got there first)
     */
    public static int expire(Connection c, long staleBefore) throws SQLException {
        int requeued = 0;
        for (NodeRow node : nodes(c)) {
            if (node.heartbeatAt() < staleBefore
                    && update(c, "delete from pl_node where node_run = ? and heartbeat_at < ?", node.run(), staleBefore) == 1) {
                requeued += update(c, REQUEUE + "node_run = ?", node.run());
            }
        }
        return requeued + update(c, REQUEUE + "(node_run is null or node_run not in (select node_run from pl_node))");
    }

    /**
     * Inside the decider's transaction: a RUNNING job its run could not run goes back to PENDING (attempt + 1,
     * same place) with the reason, for another node.
     *
     * @return 1 when it went back, 0 when it was no longer that run's (a lost race)
     */
    public static int handBack(Connection c, String jobId, String run, String reason) throws SQLException {
        return update(c, "update pl_job set status = 'PENDING', attempt = attempt + 1, started_at = null, node_name = null, "
                + "node_run = null, heartbeat_at = null, reason = ? where id = ? and status = 'RUNNING' and node_run = ?",
                reason, jobId, run);
    }

    /** Inside the decider's transaction: gives a just-started job to a run. */
    public static void place(Connection c, String jobId, String name, String run, long now) throws SQLException {
        if (update(c, "update pl_job set node_name = ?, node_run = ?, heartbeat_at = ? where id = ? and status = 'RUNNING'",
                name, run, now, jobId) != 1) {
            throw new StaleStateException("job " + jobId + " was to run on " + name + " but is no longer RUNNING");
        }
    }

    /** Inside the decider's transaction: which run each RUNNING job was given to (null: none). */
    public static Map<String, String> runsOfRunningJobs(Connection c) throws SQLException {
        Map<String, String> runs = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select id, node_run from pl_job where status = 'RUNNING'");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                runs.put(r.getString(1), r.getString(2));
            }
        }
        return runs;
    }

    /** The run's RUNNING jobs (to start the new ones, and to pass on cancel requests). */
    public List<AssignedJob> assigned(String run) {
        return database.inTransaction(session -> work(session, c -> {
            List<AssignedJob> jobs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select j.id, j.workflow_id, w.user_name, j.job_key, j.job_type, "
                    + "j.params, j.attempt, j.cancel_requested, w.workflow_name from pl_job j join pl_workflow w on w.id = j.workflow_id "
                    + "where j.node_run = ? and j.status = 'RUNNING'")) {
                s.setString(1, run);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        jobs.add(new AssignedJob(r.getString(1), r.getString(2), r.getString(9), r.getString(3), r.getString(4),
                                r.getString(5), StateStore.params(r.getString(6)), r.getInt(7), r.getBoolean(8)));
                    }
                }
            }
            return jobs;
        }));
    }

    /** The keys of a workflow's jobs. */
    public List<String> jobKeys(String workflowId) {
        return database.inTransaction(session -> work(session, c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select job_key from pl_job where workflow_id = ? order by job_index")) {
                s.setString(1, workflowId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        keys.add(r.getString(1));
                    }
                }
            }
            return keys;
        }));
    }

    /** Queues a request for the decider, committed when this returns. */
    public void post(String kind, String payload, long now) {
        database.inTransaction(session -> work(session, c -> {
            update(c, "insert into pl_inbox (seq, kind, payload, created_at) values (" + nextValue(c, "pl_inbox_seq")
                    + ", ?, ?, ?)", kind, payload, now);
            wakeNodes(c);
            return null;
        }));
    }

    /** Inside a transaction: at its commit, PostgreSQL wakes every node's poll (a no-op on H2, whose nodes poll). */
    public static void wakeNodes(Connection c) throws SQLException {
        if (postgres(c)) {
            try (PreparedStatement s = c.prepareStatement("select pg_notify('" + CHANNEL + "', '')")) {
                s.execute();
            }
        }
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /** The oldest requests, in the order they were queued. */
    public List<InboxEntry> inbox(int limit) {
        return database.inTransaction(session -> work(session, c -> {
            List<InboxEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select seq, kind, payload from pl_inbox order by seq")) {
                s.setMaxRows(limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new InboxEntry(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            return entries;
        }));
    }

    /** Inside the decider's transaction: takes a request; false if it was taken already. */
    public static boolean take(Connection c, long seq) throws SQLException {
        return update(c, "delete from pl_inbox where seq = ?", seq) == 1;
    }

    /** Inside the decider's transaction: appends events in the order given. */
    public static void record(Connection c, List<EventRow> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("insert into pl_event (seq, at_ms, event, user_name, workflow_name, "
                + "job_key, branch, reason, state, node_name) values (" + nextValue(c, "pl_event_seq")
                + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EventRow e : events) {
                s.setLong(1, e.atMs());
                s.setString(2, e.event());
                s.setString(3, e.user());
                s.setString(4, e.workflow());
                s.setString(5, e.job());
                s.setString(6, e.branch());
                s.setString(7, e.reason() == null || e.reason().length() <= 4000 ? e.reason() : e.reason().substring(0, 4000));
                s.setString(8, e.state());
                s.setString(9, e.node());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Events after {@code afterSeq}, in commit order. */
    public List<EventRow> events(long afterSeq, int limit) {
        return database.inTransaction(session -> work(session, c -> {
            List<EventRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select seq, at_ms, event, user_name, workflow_name, job_key, "
                    + "branch, reason, state, node_name from pl_event where seq > ? order by seq")) {
                s.setLong(1, afterSeq);
                s.setMaxRows(limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new EventRow(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10)));
                    }
                }
            }
            return rows;
        }));
    }

    private static String nextValue(Connection c, String sequence) throws SQLException {
        return postgres(c) ? "nextval('" + sequence + "')" : "next value for " + sequence;
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private static <T> T work(StatelessSession session, Work<T> work) {
        return session.doReturningWork(work::apply);
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }
}
