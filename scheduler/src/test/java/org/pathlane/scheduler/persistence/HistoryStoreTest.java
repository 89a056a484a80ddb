package org.pathlane.scheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pathlane.scheduler.lab.TestPostgres;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.persistence.HistoryStore.StoredWorkflow;

/**
 * The dashboard's history queries on the database itself (H2, and PostgreSQL when a throw-away one is given):
 * filters are conditions of the query, so pages and counts agree; a batch's members come in one query however
 * many pages they span; archiving is conditional on the owner and on the workflow having finished.
 */
class HistoryStoreTest {

    private static final Instant DAY_ONE = Instant.parse("2026-11-01T09:00:00Z");

    @Test
    void filtersPagesCountsBatchesAndArchivingOnH2() throws SQLException {
        try (Database database = Database.openInMemory("history-" + UUID.randomUUID())) {
            exercise(database, database.dataSourceForTests().getConnection());
        }
    }

    @Test
    void filtersPagesCountsBatchesAndArchivingOnPostgres() throws SQLException {
        try (TestPostgres pg = TestPostgres.newDatabase();
                Database database = Database.open(pg.lab("n").jdbcUrl(), "test lab database", pg.lab("n").user(),
                        pg.lab("n").password())) {
            exercise(database, pg.connect());
        }
    }

    private static void exercise(Database database, Connection connection) throws SQLException {
        HistoryStore store = new HistoryStore(database);
        try (Connection c = connection) {
            user(c, "ada");
            user(c, "bob");
            // 120 slides of one batch of ada's, 30 days back to now, then a few others of each.
            for (int i = 1; i <= 120; i++) {
                workflow(c, "ada", "Nuclei · case-" + i + ".svs · batch 3f9c2a " + i + "/120",
                        i <= 100 ? WorkflowStatus.SUCCEEDED : WorkflowStatus.WAITING, DAY_ONE.plusSeconds(i * 6L * 3600));
            }
            workflow(c, "ada", "Nuclei · case-x.svs · batch 0a0a0a 1/1", WorkflowStatus.FAILED, DAY_ONE.plusSeconds(3600));
            workflow(c, "ada", "50%_off", WorkflowStatus.SUCCEEDED, DAY_ONE.plusSeconds(7200));
            workflow(c, "bob", "bob's · case-1.svs · batch 3f9c2a 1/1", WorkflowStatus.SUCCEEDED, DAY_ONE.plusSeconds(60));
        }

        assertThat(store.count(WorkflowQuery.ANY)).isEqualTo(123);
        WorkflowQuery adas = new WorkflowQuery("ada", null, null, false);
        assertThat(store.workflows(adas, 50)).hasSize(50).allMatch(w -> w.user().equals("ada"));
        assertThat(store.count(adas)).isEqualTo(122);
        Instant weekAgo = DAY_ONE.plusSeconds(120 * 6L * 3600).minusSeconds(7 * 86_400);
        WorkflowQuery lastWeek = new WorkflowQuery(null, null, weekAgo, false);
        List<StoredWorkflow> recent = store.workflows(lastWeek, 50);
        assertThat(recent).hasSize(29).allMatch(w -> !w.submittedAt().isBefore(weekAgo));
        assertThat(store.count(lastWeek)).isEqualTo(29);
        assertThat(store.count(new WorkflowQuery(null, EnumSet.of(WorkflowStatus.WAITING), weekAgo, false))).isEqualTo(20);

        List<StoredWorkflow> batch = store.workflowsNamedWith("ada", List.of(" · batch 3f9c2a "));
        assertThat(batch).as("every slide of ada's batch, none of bob's with the same tag").hasSize(120)
                .allMatch(w -> w.user().equals("ada"));
        assertThat(store.workflowsNamedWith(null, List.of(" · batch 3f9c2a ", " · batch 0a0a0a "))).hasSize(122);
        assertThat(store.workflowsNamedWith(null, List.of("0%_"))).as("like's wildcards are matched as text")
                .extracting(StoredWorkflow::name).containsExactly("50%_off");

        List<String> finished = batch.stream().filter(w -> w.status().isTerminal()).map(StoredWorkflow::id).toList();
        List<String> waiting = batch.stream().filter(w -> !w.status().isTerminal()).map(StoredWorkflow::id).toList();
        assertThat(store.archive("bob", finished, true)).as("bob may not archive ada's").isZero();
        assertThat(store.archive("ada", waiting, true)).as("unfinished work is not archived").isZero();
        assertThat(store.archive("ada", finished, true)).isEqualTo(100);
        assertThat(store.count(adas)).isEqualTo(22);
        assertThat(store.count(new WorkflowQuery("ada", null, null, true))).isEqualTo(100);
        assertThat(store.count(WorkflowQuery.ANY)).as("archived rows stay").isEqualTo(123);
        assertThat(store.workflow(finished.getFirst()).orElseThrow().jobs()).as("with their jobs").hasSize(1);
        assertThat(store.archive(null, finished.subList(0, 10), false)).as("an admin unarchives").isEqualTo(10);
        assertThat(store.count(adas)).isEqualTo(32);
        assertThat(store.workflows(null, Set.of(finished.getFirst(), waiting.getFirst())))
                .extracting(StoredWorkflow::id).containsExactly(waiting.getFirst(), finished.getFirst());
        assertThat(store.workflows("bob", Set.of(finished.getFirst()))).as("by id, still only one's own").isEmpty();
    }

    private static void user(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into pl_user (user_name, colour, is_admin, created_at,"
                + " slot_active, activation_seq) values (?, '#000000', false, 0, false, 0)")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    private static long seq;

    private static void workflow(Connection c, String user, String name, WorkflowStatus status, Instant at) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement s = c.prepareStatement("insert into pl_workflow (id, user_name, workflow_name, submit_seq,"
                + " status, submitted_at) values (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, user);
            s.setString(3, name);
            s.setLong(4, ++seq);
            s.setString(5, status.name());
            s.setLong(6, at.toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into pl_job (id, workflow_id, job_key, job_index, branch,"
                + " job_type, params, depends_on, status, attempt, cancel_requested) values (?, ?, 'seg', 0, 'A', 'sleep',"
                + " '{}', '[]', ?, 1, false)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, id);
            s.setString(3, status == WorkflowStatus.WAITING ? "PENDING" : status == WorkflowStatus.SUCCEEDED ? "SUCCEEDED" : "FAILED");
            s.executeUpdate();
        }
    }
}
