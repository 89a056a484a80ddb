package org.pathlane.scheduler.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * One engine at a time decides for a shared database: a second is refused (or, as a standby, waits), an engine
 * whose lease was taken commits nothing more, and after a kill -9 a standby takes over and runs the dead
 * node's jobs again with attempt + 1.
 */
class EngineLeaseTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path results;

    private static LabDatabase h2(String url, String node) {
        return new LabDatabase(url, "sa", "", node, Duration.ofSeconds(30), false);
    }

    private static String newH2() {
        return "jdbc:h2:mem:lease" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void aSecondEngineOnTheSameLabDatabaseIsRefusedAndSaysWhichNodeHoldsIt() {
        String url = newH2();
        try (Scheduler first = Scheduler.start(SchedulerConfig.lab(h2(url, "desk-1"), results))) {
            assertThatThrownBy(() -> Scheduler.start(SchedulerConfig.lab(h2(url, "desk-2"), results)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by the PathLane engine of desk-1")
                    .hasMessageContaining("one engine at a time");
            assertThat(first.limits()).as("the first engine goes on").isNotNull();
        }
        // Closed cleanly, the lease is given up: the next engine starts at once.
        try (Scheduler next = Scheduler.start(SchedulerConfig.lab(h2(url, "desk-2"), results))) {
            assertThat(next.warnings()).isEmpty();
        }
    }

    @Test
    void anEngineWhoseLeaseWasTakenCommitsNothingMoreAndSaysSo() throws Exception {
        String url = newH2();
        try (Scheduler engine = Scheduler.start(SchedulerConfig.lab(h2(url, "desk-1"), results))) {
            engine.profiles().create(null, new UserProfile("ana", null, true, null, null));
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.executeUpdate("update pl_lease set holder = 'gpu-server', expires_at = " + Long.MAX_VALUE / 2);
            }
            assertThatThrownBy(() -> engine.submit("ana", new WorkflowSpec("late", List.of(
                    new JobSpec("j", "A", SleepJob.TYPE, Map.of("durationMs", 0), List.of())))))
                    .hasMessageContaining("no longer holds the lab database's engine lease")
                    .hasMessageContaining("gpu-server took over");
            assertThatThrownBy(() -> engine.workflows("ana")).hasMessageContaining("no longer holds");
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*) from pl_workflow")) {
                r.next();
                assertThat(r.getInt(1)).as("workflows committed after the lease was lost").isZero();
            }
        }
    }

    @Test
    void aStandbyWaitsWhileTheHolderRunsAndTakesOverWhenItCloses() throws Exception {
        String url = newH2();
        Scheduler first = Scheduler.start(SchedulerConfig.lab(h2(url, "desk-1"), results));
        CompletableFuture<Scheduler> standby = CompletableFuture.supplyAsync(
                () -> Scheduler.start(SchedulerConfig.lab(h2(url, "gpu-server").withStandby(true), results)));
        first.profiles().create(null, new UserProfile("ana", null, true, null, null));
        assertThat(standby).as("the standby waits while desk-1 holds the lease").isNotDone();
        first.close();
        try (Scheduler second = standby.get(20, TimeUnit.SECONDS)) {
            assertThat(second.profiles().find("ana")).isPresent();
        }
    }

    @Test
    void afterAKillNineAStandbyTakesOverAndRunsTheDeadNodesJobsAgain() throws Exception {
        try (TestPostgres pg = TestPostgres.newDatabase()) {
            LabDatabase lab = pg.lab("unused");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), LabChild.class.getName(), lab.jdbcUrl(), "desk-1",
                    results.toString());
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process child = builder.start();
            int started = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (started < 2 && (line = lines.readLine()) != null) {
                    if (line.startsWith("STARTED ")) {
                        started++;
                    }
                }
            }
            assertThat(started).as("the node started both lanes' jobs before it was killed").isEqualTo(2);
            child.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();

            CountDownLatch finished = new CountDownLatch(1);
            long[] restartedAt = new long[1];
            SchedulerConfig config = SchedulerConfig.lab(lab.withNode("gpu-server").withLease(Duration.ofMillis(1500))
                    .withStandby(true), results).withListener(new SchedulerListener() {
                        @Override
                        public void onEvent(SchedulerEvent e) {
                            if (e.type() == EventType.JOB_STARTED && restartedAt[0] == 0) {
                                restartedAt[0] = System.nanoTime();
                            }
                            if (e.type() == EventType.WORKFLOW_FINISHED) {
                                finished.countDown();
                            }
                        }
                    });
            try (Scheduler standby = Scheduler.start(config)) {
                assertThat(finished.await(60, TimeUnit.SECONDS)).as("the dead node's workflow finished").isTrue();
                var workflow = standby.workflows("lab").getFirst();
                assertThat(workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
                assertThat(workflow.jobs()).allSatisfy(j -> {
                    assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
                    assertThat(j.attempt()).as("job %s ran again after the kill", j.jobId()).isEqualTo(2);
                });
            }
            long takeoverMs = (restartedAt[0] - killedAt) / 1_000_000;
            System.out.println("EngineLeaseTest: the dead node's jobs ran again " + takeoverMs + " ms after kill -9 "
                    + "(lease 1.5 s)");
            assertThat(takeoverMs).as("running again within the lease + 5 s").isLessThan(1500 + 5000);
        }
    }
}
