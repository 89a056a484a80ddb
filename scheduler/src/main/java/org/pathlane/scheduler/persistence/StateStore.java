package org.pathlane.scheduler.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.MutationQuery;
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

    /** Inserts a new workflow and its jobs, all PENDING with attempt 1. */
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
        for (JobNode job : workflow.jobs()) {
            JobRecord j = new JobRecord();
            j.id = job.id();
            j.workflowId = workflow.id();
            j.key = job.key();
            j.index = job.index();
            j.branch = job.branch();
            j.type = job.type();
            j.params = toJson(job.params());
            j.dependsOn = toJson(job.dependencyKeys());
            j.status = JobStatus.PENDING;
            j.attempt = 1;
            session.insert(j);
        }
    }

    /** Persists one transition; throws {@link StaleStateException} if its precondition no longer holds. */
    public void apply(StatelessSession session, Transition t, long now) {
        switch (t.kind()) {
            case WORKFLOW_SUBMITTED -> {
                // inserted by insertWorkflow in the same transaction
            }
            case USER_ACTIVATED -> expectOne(session.createMutationQuery(
                    "update UserRecord set slotActive = true, activationSeq = :seq where name = :user and slotActive = false")
                    .setParameter("seq", t.activationSeq()).setParameter("user", t.user()), t);
            case USER_RELEASED -> expectOne(session.createMutationQuery(
                    "update UserRecord set slotActive = false where name = :user and slotActive = true")
                    .setParameter("user", t.user()), t);
            case WORKFLOW_ADMITTED -> expectOne(session.createMutationQuery(
                    "update WorkflowRecord set status = :to, admittedAt = :now where id = :id and status = :from")
                    .setParameter("to", WorkflowStatus.RUNNING).setParameter("from", WorkflowStatus.WAITING)
                    .setParameter("now", now).setParameter("id", t.workflow().id()), t);
            case WORKFLOW_FINISHED -> expectOne(session.createMutationQuery(
                    "update WorkflowRecord set status = :to, finishedAt = :now where id = :id and status in :from")
                    .setParameter("to", t.state()).setParameter("from", UNFINISHED_WORKFLOW)
                    .setParameter("now", now).setParameter("id", t.workflow().id()), t);
            case JOB_STARTED -> expectOne(session.createMutationQuery(
                    "update JobRecord set status = :to, startedAt = :now where id = :id and status = :from")
                    .setParameter("to", JobStatus.RUNNING).setParameter("from", JobStatus.PENDING)
                    .setParameter("now", now).setParameter("id", t.job().id()), t);
            case JOB_SUCCEEDED, JOB_FAILED -> expectOne(session.createMutationQuery(
                    "update JobRecord set status = :to, reason = :reason, finishedAt = :now where id = :id and status = :from")
                    .setParameter("to", t.kind() == Transition.Kind.JOB_SUCCEEDED ? JobStatus.SUCCEEDED : JobStatus.FAILED)
                    .setParameter("from", JobStatus.RUNNING).setParameter("reason", clip(t.reason()))
                    .setParameter("now", now).setParameter("id", t.job().id()), t);
            case JOB_CANCELLED -> expectOne(session.createMutationQuery(
                    "update JobRecord set status = :to, reason = :reason, finishedAt = :now where id = :id and status in :from")
                    .setParameter("to", JobStatus.CANCELLED).setParameter("from", UNFINISHED_JOB)
                    .setParameter("reason", clip(t.reason())).setParameter("now", now).setParameter("id", t.job().id()), t);
            case CANCEL_REQUESTED -> expectOne(session.createMutationQuery(
                    "update JobRecord set cancelRequested = true, reason = :reason where id = :id and status = :from")
                    .setParameter("from", JobStatus.RUNNING).setParameter("reason", clip(t.reason()))
                    .setParameter("id", t.job().id()), t);
        }
    }

    private static void expectOne(MutationQuery update, Transition t) {
        int rows = update.executeUpdate();
        if (rows != 1) {
            throw new StaleStateException("Expected to change one row for " + t.kind() + " of "
                    + (t.job() != null ? "job " + t.job() : t.workflow() != null ? "workflow " + t.workflow().id()
                    : "user " + t.user()) + " but changed " + rows);
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
                JobNode job = node.addJob(j.id, j.key, j.branch, j.type, fromJson(j.params, new TypeReference<>() { }),
                        j.status, j.attempt);
                if (j.cancelRequested && j.status == JobStatus.PENDING) {
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
                    + "); the database was edited or damaged", e);
        }
    }

    static Map<String, Object> params(String json) {
        return fromJson(json, new TypeReference<>() { });
    }
}
