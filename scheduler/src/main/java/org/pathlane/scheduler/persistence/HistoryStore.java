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
        return database.inTransaction(s -> {
            List<WorkflowRecord> rows = user == null
                    ? s.createSelectionQuery("from WorkflowRecord order by submitSeq desc", WorkflowRecord.class).list()
                    : s.createSelectionQuery("from WorkflowRecord where user = :u order by submitSeq desc", WorkflowRecord.class)
                            .setParameter("u", user).list();
            return rows.stream().map(w -> load(s, w)).toList();
        });
    }

    public Optional<StoredWorkflow> workflow(String id) {
        return database.inTransaction(s -> Optional.ofNullable(s.get(WorkflowRecord.class, id)).map(w -> load(s, w)));
    }

    private static StoredWorkflow load(StatelessSession s, WorkflowRecord w) {
        List<StoredJob> jobs = s.createSelectionQuery("from JobRecord where workflowId = :w order by index", JobRecord.class)
                .setParameter("w", w.id).list().stream()
                .map(j -> new StoredJob(j.id, j.key, j.branch, j.type, StateStore.params(j.params),
                        StateStore.fromJson(j.dependsOn, new TypeReference<List<String>>() { }), j.status, j.attempt,
                        j.reason, instant(j.startedAt), instant(j.finishedAt), j.nodeName))
                .toList();
        return new StoredWorkflow(w.id, w.name, w.user, w.status, Instant.ofEpochMilli(w.submittedAt),
                instant(w.admittedAt), instant(w.finishedAt), w.retryOf, jobs);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
