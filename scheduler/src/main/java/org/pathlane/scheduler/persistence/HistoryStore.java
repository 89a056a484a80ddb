package org.pathlane.scheduler.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.StatelessSession;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WorkflowQuery;
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
            Instant admittedAt, Instant finishedAt, String retryOf, List<StoredJob> jobs, boolean archived) {
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
     * (any when null), archived or not, newest first.
     */
    public List<StoredWorkflow> workflows(String user, java.util.Set<WorkflowStatus> statuses, int limit) {
        return workflows(new WorkflowQuery(user, statuses, null, null), limit);
    }

    /**
     * The newest {@code limit} workflows that {@code query} keeps, newest first, with their jobs read in one
     * query rather than one per workflow. Every filter is a condition of the query: nothing is read to be dropped.
     */
    public List<StoredWorkflow> workflows(WorkflowQuery query, int limit) {
        return database.inTransaction(s -> {
            Map<String, Object> params = new HashMap<>();
            String where = where(query, params);
            var select = s.createSelectionQuery("from WorkflowRecord" + where + " order by submitSeq desc",
                    WorkflowRecord.class).setMaxResults(limit);
            bind(params, select::setParameter, select::setParameterList);
            return withJobs(s, select.list());
        });
    }

    /** How many workflows {@link #workflows(WorkflowQuery, int)} would list without its limit. */
    public long count(WorkflowQuery query) {
        return database.inTransaction(s -> {
            Map<String, Object> params = new HashMap<>();
            var select = s.createSelectionQuery("select count(*) from WorkflowRecord" + where(query, params), Long.class);
            bind(params, select::setParameter, select::setParameterList);
            return select.getSingleResult();
        });
    }

    /** The workflows among {@code ids} that belong to {@code user} (any user when null), newest first: one query. */
    public List<StoredWorkflow> workflows(String user, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(s -> {
            List<WorkflowRecord> rows = new ArrayList<>();
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += 500) {
                rows.addAll(s.createSelectionQuery("from WorkflowRecord where id in (:ids) and (:anyUser = true or user = :u)",
                                WorkflowRecord.class)
                        .setParameterList("ids", all.subList(from, Math.min(all.size(), from + 500)))
                        .setParameter("anyUser", user == null).setParameter("u", user == null ? "" : user).list());
            }
            rows.sort(java.util.Comparator.comparingLong((WorkflowRecord w) -> w.submitSeq).reversed());
            return withJobs(s, rows);
        });
    }

    /**
     * Every workflow of {@code user} (any user's when null) whose name contains one of {@code fragments}, archived
     * or not, newest first, with their jobs: all the workflows of a few named groups (the slides of a batch, say)
     * in one query however many pages of history they span.
     */
    public List<StoredWorkflow> workflowsNamedWith(String user, Collection<String> fragments) {
        if (fragments.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(s -> {
            List<String> names = new ArrayList<>();
            Map<String, Object> params = new HashMap<>();
            int i = 0;
            for (String fragment : fragments) {
                names.add("name like :n" + i + " escape '\\'");
                params.put("n" + i++, "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            params.put("anyUser", user == null);
            params.put("u", user == null ? "" : user);
            var select = s.createSelectionQuery("from WorkflowRecord where (:anyUser = true or user = :u) and ("
                    + String.join(" or ", names) + ") order by submitSeq desc", WorkflowRecord.class);
            bind(params, select::setParameter, select::setParameterList);
            return withJobs(s, select.list());
        });
    }

    /**
     * Archives (or unarchives) the finished workflows among {@code ids} that belong to {@code user} (any user's
     * when null): one conditional update, so a workflow of someone else, or one still running, is never changed
     * whatever the caller checked before. Rows, jobs and results stay. @return how many changed
     */
    public int archive(String user, Collection<String> ids, boolean archived) {
        if (ids.isEmpty()) {
            return 0;
        }
        return database.inTransaction(s -> {
            int changed = 0;
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += 500) {
                changed += s.createMutationQuery("update WorkflowRecord set archived = :a where id in (:ids)"
                                + " and archived <> :a and status in (:done) and (:anyUser = true or user = :u)")
                        .setParameter("a", archived)
                        .setParameterList("ids", all.subList(from, Math.min(all.size(), from + 500)))
                        .setParameterList("done", List.of(WorkflowStatus.SUCCEEDED, WorkflowStatus.FAILED, WorkflowStatus.CANCELLED))
                        .setParameter("anyUser", user == null).setParameter("u", user == null ? "" : user)
                        .executeUpdate();
            }
            return changed;
        });
    }

    private static String where(WorkflowQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.owner() != null) {
            conditions.add("user = :u");
            params.put("u", query.owner());
        }
        if (query.statuses() != null) {
            if (query.statuses().isEmpty()) {
                conditions.add("1 = 0");
            } else {
                conditions.add("status in (:st)");
                params.put("st", List.copyOf(query.statuses()));
            }
        }
        if (query.submittedFrom() != null) {
            conditions.add("submittedAt >= :from");
            params.put("from", query.submittedFrom().toEpochMilli());
        }
        if (query.archived() != null) {
            conditions.add("archived = :archived");
            params.put("archived", query.archived());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void bind(Map<String, Object> params, java.util.function.BiConsumer<String, Object> single,
            java.util.function.BiConsumer<String, Collection<?>> list) {
        params.forEach((name, value) -> {
            if (value instanceof Collection<?> c) {
                list.accept(name, c);
            } else {
                single.accept(name, value);
            }
        });
    }

    private static List<StoredWorkflow> withJobs(StatelessSession s, List<WorkflowRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<StoredJob>> jobs = new HashMap<>();
        List<String> ids = rows.stream().map(w -> w.id).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            s.createSelectionQuery("from JobRecord where workflowId in (:w) order by workflowId, index", JobRecord.class)
                    .setParameterList("w", ids.subList(from, Math.min(ids.size(), from + 500))).list()
                    .forEach(j -> jobs.computeIfAbsent(j.workflowId, k -> new ArrayList<>()).add(job(j)));
        }
        return rows.stream().map(w -> workflow(w, jobs.getOrDefault(w.id, List.of()))).toList();
    }

    /** The users with a workflow in {@code status}, each once, in the order of their oldest such workflow. */
    public List<String> usersWith(WorkflowStatus status) {
        return database.inTransaction(s -> s.createSelectionQuery("select user from WorkflowRecord where status = :st"
                        + " group by user order by min(submitSeq)", String.class)
                .setParameter("st", status).list());
    }

    /** How many workflows {@link #workflows(String, java.util.Set, int)} would list without its limit. */
    public long count(String user, java.util.Set<WorkflowStatus> statuses) {
        return count(new WorkflowQuery(user, statuses, null, null));
    }

    private static StoredJob job(JobRecord j) {
        return new StoredJob(j.id, j.key, j.branch, j.type, StateStore.params(j.params),
                StateStore.fromJson(j.dependsOn, new TypeReference<List<String>>() { }), j.status, j.attempt,
                j.reason, instant(j.startedAt), instant(j.finishedAt), j.nodeName);
    }

    private static StoredWorkflow workflow(WorkflowRecord w, List<StoredJob> jobs) {
        return new StoredWorkflow(w.id, w.name, w.user, w.status, Instant.ofEpochMilli(w.submittedAt),
                instant(w.admittedAt), instant(w.finishedAt), w.retryOf, jobs, w.archived);
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
