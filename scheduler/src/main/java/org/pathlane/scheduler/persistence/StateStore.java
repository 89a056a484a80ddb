package org.pathlane.scheduler.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.RuleBook;
import org.pathlane.scheduler.rules.Transition;
import org.pathlane.scheduler.rules.WorkflowNode;

/**
 * Writes the rule book's transitions with conditional updates (each checks the status it expects and that
 * exactly one row changed) and reads the unfinished state back after a restart. Every method runs inside
 * the caller's transaction.
 */
public final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JobStatus> UNFINISHED_JOB = Set.of(JobStatus.PENDING, JobStatus.RUNNING);
    private static final Set<WorkflowStatus> UNFINISHED_WORKFLOW = Set.of(WorkflowStatus.WAITING, WorkflowStatus.RUNNING);

    private volatile String nextOrderSql;

    /** Next number of the shared order sequence (submission and activation order). */
    public long nextOrder(StatelessSession session) {
        if (nextOrderSql == null) {
            nextOrderSql = session.getFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                    .getSequenceSupport().getSequenceNextValString("pl_order_seq");
        }
        return ((Number) session.createNativeQuery(nextOrderSql, Long.class).getSingleResult()).longValue();
    }

    /** Inserts a new workflow and its jobs (one JDBC batch), all PENDING with attempt 1. */
    public void insertWorkflow(StatelessSession session, WorkflowNode workflow, String retryOf, long now) {
        WorkflowRecord w = new WorkflowRecord();
        w.id = workflow.id();
        w.user = workflow.user();
        w.name = workflow.label();
        w.submitSeq = workflow.seq();
        w.status = WorkflowStatus.WAITING;
        w.submittedAt = now;
        w.retryOf = retryOf;
        session.insert(w);
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into pl_job (id, workflow_id, job_key, "
                    + "job_index, branch, job_type, params, depends_on, status, attempt, cancel_requested) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 1, false)")) {
                for (JobNode job : workflow.jobs()) {
                    insert.setString(1, job.id());
                    insert.setString(2, workflow.id());
                    insert.setString(3, job.key());
                    insert.setInt(4, job.index());
                    insert.setString(5, job.branch());
                    insert.setString(6, job.type());
                    insert.setString(7, toJson(job.params()));
                    insert.setString(8, toJson(job.dependencyKeys()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * Persists transitions in order, each as a conditional update of portable SQL that must change exactly
     * one row; throws {@link StaleStateException} (rolling the transaction back) if a precondition no longer
     * holds. Plain JDBC on the session's connection: this is the engine's hot path.
     */
    public void apply(StatelessSession session, List<Transition> transitions, long now) {
        if (transitions.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            for (Transition t : transitions) {
                apply(connection, t, now);
            }
        });
    }

    private static void apply(Connection c, Transition t, long now) throws SQLException {
        switch (t.kind()) {
            case WORKFLOW_SUBMITTED -> {
                // inserted by insertWorkflow in the same transaction
            }
            case USER_ACTIVATED -> update(c, t, "update pl_user set slot_active = true, activation_seq = ? "
                    + "where user_name = ? and slot_active = false", t.activationSeq(), t.user());
            case USER_RELEASED -> update(c, t, "update pl_user set slot_active = false where user_name = ? and slot_active = true",
                    t.user());
            case WORKFLOW_ADMITTED -> update(c, t, "update pl_workflow set status = 'RUNNING', admitted_at = ? "
                    + "where id = ? and status = 'WAITING'", now, t.workflow().id());
            case WORKFLOW_FINISHED -> update(c, t, "update pl_workflow set status = ?, finished_at = ? "
                    + "where id = ? and status in ('WAITING', 'RUNNING')", t.state().name(), now, t.workflow().id());
            case JOB_STARTED -> update(c, t, "update pl_job set status = 'RUNNING', started_at = ? "
                    + "where id = ? and status = 'PENDING'", now, t.job().id());
            case JOB_SUCCEEDED -> update(c, t, "update pl_job set status = 'SUCCEEDED', finished_at = ? "
                    + "where id = ? and status = 'RUNNING'", now, t.job().id());
            case JOB_FAILED -> update(c, t, "update pl_job set status = 'FAILED', reason = ?, finished_at = ? "
                    + "where id = ? and status = 'RUNNING'", clip(t.reason()), now, t.job().id());
            case JOB_CANCELLED -> update(c, t, "update pl_job set status = 'CANCELLED', reason = ?, finished_at = ? "
                    + "where id = ? and status in ('PENDING', 'RUNNING')", clip(t.reason()), now, t.job().id());
            case CANCEL_REQUESTED -> update(c, t, "update pl_job set cancel_requested = true, reason = ? "
                    + "where id = ? and status = 'RUNNING'", clip(t.reason()), t.job().id());
        }
    }

    private static void update(Connection c, Transition t, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            int rows = statement.executeUpdate();
            if (rows != 1) {
                throw new StaleStateException("Expected to change one row for " + t.kind() + " of "
                        + (t.job() != null ? "job " + t.job() : t.workflow() != null ? "workflow " + t.workflow().id()
                        : "user " + t.user()) + " but changed " + rows);
            }
        }
    }

    private static String clip(String reason) {
        return reason == null || reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "...";
    }

    /**
     * Rule 13 at start-up: jobs left RUNNING by a crash or kill go back to PENDING with attempt + 1. Their
     * order (workflow submission, index) is unchanged, so they keep their place.
     *
     * @return how many jobs were put back
     */
    public int requeueInterrupted(StatelessSession session) {
        return session.createMutationQuery(
                "update JobRecord set status = :to, attempt = attempt + 1, startedAt = null where status = :from")
                .setParameter("to", JobStatus.PENDING).setParameter("from", JobStatus.RUNNING).executeUpdate();
    }

    /** Loads active slots and unfinished workflows (in submission order) into a fresh rule book. */
    public void restore(StatelessSession session, RuleBook rules) {
        session.doWork(StateStore::refuseUnknownStatus);
        for (UserRecord u : session.createSelectionQuery("from UserRecord where slotActive = true", UserRecord.class).list()) {
            rules.restoreActiveUser(u.name, u.activationSeq);
        }
        List<WorkflowRecord> workflows = session.createSelectionQuery(
                "from WorkflowRecord where status in :s order by submitSeq", WorkflowRecord.class)
                .setParameter("s", UNFINISHED_WORKFLOW).list();
        for (WorkflowRecord w : workflows) {
            List<JobRecord> jobs = session.createSelectionQuery(
                    "from JobRecord where workflowId = :w order by index", JobRecord.class).setParameter("w", w.id).list();
            WorkflowNode node = rules.newWorkflow(w.user, w.id, w.name, w.submitSeq, w.status);
            for (JobRecord j : jobs) {
                Map<String, Object> params;
                try {
                    params = fromJson(j.params, new TypeReference<>() { });
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("job \"" + j.key + "\" of workflow \"" + w.name + "\" (" + w.id
                            + ", user " + w.user + "): " + e.getMessage(), e);
                }
                JobNode job = node.addJob(j.id, j.key, j.branch, j.type, params, j.status, j.attempt);
                // A persisted cancel request holds for a job a crash put back to PENDING (it ends CANCELLED now)
                // and for one still RUNNING when memory is rebuilt after a failed transaction (it ends
                // CANCELLED when its worker returns, whatever the handler returned).
                if (j.cancelRequested && (j.status == JobStatus.PENDING || j.status == JobStatus.RUNNING)) {
                    node.markCancelRequested(job, j.reason);
                }
            }
            for (int i = 0; i < jobs.size(); i++) {
                for (String dependency : fromJson(jobs.get(i).dependsOn, new TypeReference<List<String>>() { })) {
                    node.link(node.jobs().get(i), dependency);
                }
            }
            rules.restore(node);
        }
    }

    /**
     * A status this PathLane does not know (a hand-edited row, another program's) would otherwise surface as a
     * raw enum error from deep inside Hibernate; this names the row and the fix instead.
     */
    private static void refuseUnknownStatus(java.sql.Connection c) throws java.sql.SQLException {
        refuseUnknown(c, "pl_workflow", "'workflow ' || id || ' (user ' || user_name || ')'", "submit_seq",
                WorkflowStatus.values());
        refuseUnknown(c, "pl_job", "'job \"' || job_key || '\" of workflow ' || workflow_id", "id", JobStatus.values());
    }

    /**
     * The distinct statuses come from the status index without reading the rows; only an unknown one is looked
     * up, to name its row ({@code what}: an SQL expression describing the row).
     */
    private static void refuseUnknown(java.sql.Connection c, String table, String what, String order, Enum<?>[] values)
            throws java.sql.SQLException {
        String unknown = firstUnknown(c, "select distinct status from " + table, values);
        if (unknown == null) {
            return;
        }
        try (var s = c.prepareStatement("select " + what + " from " + table + " where status = ? order by " + order
                + " limit 1")) {
            s.setString(1, unknown);
            try (var rows = s.executeQuery()) {
                rows.next();
                throw new IllegalStateException(rows.getString(1) + " has status '" + unknown + "', which this "
                        + "PathLane does not know (one of " + known(values) + "); the row was edited or written by "
                        + "another program: restore the database from a backup, or set that row's status to FAILED");
            }
        }
    }

    private static String firstUnknown(java.sql.Connection c, String sql, Enum<?>[] values) throws java.sql.SQLException {
        Set<String> names = java.util.Arrays.stream(values).map(Enum::name).collect(java.util.stream.Collectors.toSet());
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            while (rows.next()) {
                if (!names.contains(rows.getString(1))) {
                    return rows.getString(1);
                }
            }
        }
        return null;
    }

    private static String known(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> "'" + v.name() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored job row holds unreadable JSON (" + e.getOriginalMessage()
                    + "); the database was edited or damaged: restore it from a backup or correct that row", e);
        }
    }

    static Map<String, Object> params(String json) {
        return fromJson(json, new TypeReference<>() { });
    }
}
