package org.pathlane.scheduler.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.StatelessSession;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WorkflowStatus;

/** Reads workflows and jobs as stored (the source of truth); the engine adds live wait reasons and progress. */
public final class HistoryStore {

    /** A stored job row. */
    public record StoredJob(String id, String key, String branch, String type, java.util.Map<String, Object> params,
            List<String> dependsOn, JobStatus status, int attempt, String reason, Instant startedAt, Instant finishedAt,
            String node) {
    }

    /** A stored workflow row with its jobs in list order. */
    public record StoredWorkflow(String id, String name, String user, WorkflowStatus status, Instant submittedAt,
            Instant admittedAt, Instant finishedAt, String retryOf, List<StoredJob> jobs) {
    }

    private final Database database;

    public HistoryStore(Database database) {
        this.database = database;
    }

    /** Workflows of {@code user} (every user's when null), newest first. */
    public List<StoredWorkflow> workflows(String user) {
        return workflows(user, null, Integer.MAX_VALUE);
    }

    /**
     * The newest {@code limit} workflows of {@code user} (every user's when null) in one of {@code statuses}
     * (any when null), newest first, with their jobs read in one query rather than one per workflow.
     */
    public List<StoredWorkflow> workflows(String user, java.util.Set<WorkflowStatus> statuses, int limit) {
        return database.inTransaction(s -> {
            var query = s.createSelectionQuery("from WorkflowRecord where (:anyUser = true or user = :u)"
                    + " and (:anyStatus = true or status in (:st)) order by submitSeq desc", WorkflowRecord.class)
                    .setParameter("anyUser", user == null).setParameter("u", user == null ? "" : user)
                    .setParameter("anyStatus", statuses == null)
                    .setParameterList("st", statuses == null ? List.of(WorkflowStatus.WAITING) : List.copyOf(statuses))
                    .setMaxResults(limit);
            List<WorkflowRecord> rows = query.list();
            if (rows.isEmpty()) {
                return List.of();
            }
            java.util.Map<String, List<StoredJob>> jobs = new java.util.HashMap<>();
            List<String> ids = rows.stream().map(w -> w.id).toList();
            for (int from = 0; from < ids.size(); from += 500) {
                s.createSelectionQuery("from JobRecord where workflowId in (:w) order by workflowId, index", JobRecord.class)
                        .setParameterList("w", ids.subList(from, Math.min(ids.size(), from + 500))).list()
                        .forEach(j -> jobs.computeIfAbsent(j.workflowId, k -> new java.util.ArrayList<>()).add(job(j)));
            }
            return rows.stream().map(w -> workflow(w, jobs.getOrDefault(w.id, List.of()))).toList();
        });
    }

    /** The users with a workflow in {@code status}, each once, in the order of their oldest such workflow. */
    public List<String> usersWith(WorkflowStatus status) {
        return database.inTransaction(s -> s.createSelectionQuery("select user from WorkflowRecord where status = :st"
                        + " group by user order by min(submitSeq)", String.class)
                .setParameter("st", status).list());
    }

    /** How many workflows {@link #workflows(String, java.util.Set, int)} would list without its limit. */
    public long count(String user, java.util.Set<WorkflowStatus> statuses) {
        return database.inTransaction(s -> s.createSelectionQuery("select count(*) from WorkflowRecord where"
                        + " (:anyUser = true or user = :u) and (:anyStatus = true or status in (:st))", Long.class)
                .setParameter("anyUser", user == null).setParameter("u", user == null ? "" : user)
                .setParameter("anyStatus", statuses == null)
                .setParameterList("st", statuses == null ? List.of(WorkflowStatus.WAITING) : List.copyOf(statuses))
                .getSingleResult());
    }

    private static StoredJob job(JobRecord j) {
        return new StoredJob(j.id, j.key, j.branch, j.type, StateStore.params(j.params),
                StateStore.fromJson(j.dependsOn, new TypeReference<List<String>>() { }), j.status, j.attempt,
                j.reason, instant(j.startedAt), instant(j.finishedAt), j.nodeName);
    }

    private static StoredWorkflow workflow(WorkflowRecord w, List<StoredJob> jobs) {
        return new StoredWorkflow(w.id, w.name, w.user, w.status, Instant.ofEpochMilli(w.submittedAt),
                instant(w.admittedAt), instant(w.finishedAt), w.retryOf, jobs);
    }

    public Optional<StoredWorkflow> workflow(String id) {
        return database.inTransaction(s -> Optional.ofNullable(s.get(WorkflowRecord.class, id)).map(w -> load(s, w)));
    }

    private static StoredWorkflow load(StatelessSession s, WorkflowRecord w) {
        return workflow(w, s.createSelectionQuery("from JobRecord where workflowId = :w order by index", JobRecord.class)
                .setParameter("w", w.id).list().stream().map(HistoryStore::job).toList());
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
