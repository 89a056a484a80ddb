package org.pathlane.scheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;

/** A damaged or newer database file is reported with its path and never recreated or overwritten. */
class DatabaseFileTest {

    @Test
    void aDamagedFileIsReportedByNameAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pathlane.mv.db");
        byte[] garbage = new byte[64 * 1024];
        new Random(3).nextBytes(garbage);
        Files.write(file, garbage);
        assertThatThrownBy(() -> Database.openFile(dir)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("PathLane did not change it");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aFileFromANewerPathLaneIsRefusedAndItsDataKept(@TempDir Path dir) throws Exception {
        Database.openFile(dir).close();
        String url = "jdbc:h2:file:" + dir.resolve("pathlane");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("insert into pl_user values ('kept', '#000000', false, null, 0, false, 0)");
            s.executeUpdate("insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "values (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 1, true)");
        }
        assertThatThrownBy(() -> Database.openFile(dir)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining(dir.resolve("pathlane.mv.db").toString())
                .hasMessageContaining("newer PathLane").hasMessageContaining("schema version 99");
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE"); Statement s = c.createStatement();
                var users = s.executeQuery("select count(*) from pl_user where user_name = 'kept'")) {
            users.next();
            assertThat(users.getInt(1)).as("the database was neither recreated nor migrated").isEqualTo(1);
        }
    }

    @Test
    void aDamagedJobRowStopsTheStartWithAMessageNamingTheDatabase(@TempDir Path dir) throws Exception {
        Database.openFile(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("pathlane")); Statement s = c.createStatement()) {
            s.executeUpdate("insert into pl_user values ('ana', '#000000', false, null, 0, false, 0)");
            s.executeUpdate("insert into pl_workflow (id, user_name, workflow_name, submit_seq, status, submitted_at) "
                    + "values ('w', 'ana', 'scan', 1, 'WAITING', 0)");
            s.executeUpdate("insert into pl_job (id, workflow_id, job_key, job_index, branch, job_type, params, depends_on, "
                    + "status, attempt, cancel_requested) values ('j', 'w', 'j1', 0, 'A', 'sleep', '{not json', '[]', 'PENDING', 1, false)");
        }
        assertThatThrownBy(() -> Scheduler.start(SchedulerConfig.dataDir(dir))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("pathlane.mv.db").toString()).hasMessageContaining("unreadable JSON")
                .hasMessageContaining("job \"j1\" of workflow \"scan\"");
    }

    @Test
    void theMigrationsAndUpdatesRunInPostgreSqlCompatibilityMode(@TempDir Path dir) throws Exception {
        // Not a real PostgreSQL, but it rejects much of what only H2 accepts.
        SchedulerConfig config = SchedulerConfig.jdbc("jdbc:h2:mem:pgmode;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", dir);
        try (Scheduler scheduler = Scheduler.start(config)) {
            scheduler.profiles().create(null, new UserProfile("pg", null, false, null, null));
            var finished = new CountDownLatch(1);
            scheduler.addListener("pg", new SchedulerListener() {
                @Override
                public void onEvent(SchedulerEvent e) {
                    if (e.type() == EventType.USER_RELEASED) {
                        finished.countDown();
                    }
                }
            });
            String id = scheduler.submit("pg", new WorkflowSpec("pg", List.of(
                    new JobSpec("a", "A", "sleep", Map.of("durationMs", 1), List.of()),
                    new JobSpec("b", "A", "sleep", Map.of("fail", true), List.of()))));
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(scheduler.workflow("pg", id).status()).isEqualTo(WorkflowStatus.FAILED);
        }
    }

    @Test
    void limitsAndProfilesSurviveARestart(@TempDir Path dir) {
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir))) {
            String hash = new org.pathlane.scheduler.engine.PasswordHasher(1_000).hash("s3cret".toCharArray());
            scheduler.profiles().create(null, new UserProfile("admin", "#112233", true, hash, null));
            scheduler.profiles().create(null, new UserProfile("tech", null, false, null, null));
            assertThatThrownBy(() -> scheduler.setLimits("tech", new Limits(2, 1))).isInstanceOf(SecurityException.class);
            scheduler.setLimits("admin", new Limits(7, 2));
            scheduler.profiles().addSlide("tech", "/slides/a.svs", "{\"mpp\":0.25}");
        }
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir))) {
            assertThat(scheduler.limits()).isEqualTo(new Limits(7, 2));
            assertThat(scheduler.profiles().verifyPassword("admin", "s3cret".toCharArray())).isTrue();
            assertThat(scheduler.profiles().verifyPassword("admin", "guess".toCharArray())).isFalse();
            // The stored hash never leaves the profile store: listing shows only that a password is set.
            assertThat(scheduler.profiles().find("admin").orElseThrow().passwordHash()).isEqualTo(UserProfile.HIDDEN);
            assertThat(scheduler.profiles().list()).allSatisfy(p -> assertThat(p.passwordHash()).isIn(null, UserProfile.HIDDEN));
            assertThat(scheduler.profiles().slides("tech")).singleElement()
                    .satisfies(s -> assertThat(s.path()).isEqualTo("/slides/a.svs"))
                    .satisfies(s -> assertThat(s.metadataJson()).isEqualTo("{\"mpp\":0.25}"));
            assertThat(scheduler.profiles().slides("admin")).as("libraries are personal").isEmpty();
        }
    }

    @Test
    void anUnknownStoredStatusNamesTheRowAndTheFixAndAfterTheFixEverythingIsThere(@TempDir Path dir) throws Exception {
        Database.openFile(dir).close();
        String url = "jdbc:h2:file:" + dir.resolve("pathlane");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("insert into pl_user values ('ana', '#000000', false, null, 0, false, 0)");
            s.executeUpdate("insert into pl_workflow (id, user_name, workflow_name, submit_seq, status, submitted_at) "
                    + "values ('w', 'ana', 'scan', 1, 'WAITING', 0)");
            s.executeUpdate("insert into pl_job (id, workflow_id, job_key, job_index, branch, job_type, params, depends_on, "
                    + "status, attempt, cancel_requested) values ('j', 'w', 'j1', 0, 'A', 'sleep', '{}', '[]', 'PAUSED', 1, false)");
        }
        assertThatThrownBy(() -> Scheduler.start(SchedulerConfig.dataDir(dir))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("pathlane.mv.db").toString())
                .hasMessageContaining("job \"j1\" of workflow w has status 'PAUSED'")
                .hasMessageContaining("set that row's status to FAILED")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("No enum constant"));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("update pl_job set status = 'FAILED' where id = 'j'");
        }
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir))) {
            assertThat(scheduler.workflow("ana", "w").jobs()).singleElement()
                    .satisfies(j -> assertThat(j.status()).isEqualTo(org.pathlane.scheduler.model.JobStatus.FAILED));
        }
    }

    @Test
    void unreadableSavedLimitsGiveTheDefaultsAndAWarningAndCanBeSavedAgain(@TempDir Path dir) throws Exception {
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir))) {
            scheduler.profiles().create(null, new UserProfile("admin", null, true, null, null));
            scheduler.setLimits("admin", new Limits(3, 2));
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("pathlane")); Statement s = c.createStatement()) {
            s.executeUpdate("update pl_setting set setting_value = 'lots' where setting_name = 'maxWorkers'");
        }
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir))) {
            assertThat(scheduler.limits()).isEqualTo(Limits.DEFAULT);
            assertThat(scheduler.warnings()).singleElement().asString().contains(dir.resolve("pathlane.mv.db").toString())
                    .contains("maxWorkers='lots'").contains("defaults are in force").contains("Settings");
            scheduler.setLimits("admin", new Limits(5, 2));
        }
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir))) {
            assertThat(scheduler.limits()).isEqualTo(new Limits(5, 2));
            assertThat(scheduler.warnings()).isEmpty();
        }
    }

    @Test
    void theSchemaVersionPathLaneSkipsFlywayForIsTheNewestMigration() {
        // A database at SCHEMA_VERSION opens without Flyway; if a new migration came without raising it, that
        // migration would never run on existing databases.
        try (Database database = Database.openInMemory("schema-version")) {
            var flyway = org.flywaydb.core.Flyway.configure().dataSource(database.dataSourceForTests())
                    .locations("classpath:db/migration").load();
            assertThat(flyway.info().current().getVersion().getVersion())
                    .isEqualTo(Integer.toString(Database.SCHEMA_VERSION));
            assertThat(flyway.info().pending()).isEmpty();
        }
    }
}
