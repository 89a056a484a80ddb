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
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * Several nodes on one lab database, one deciding at a time: a second node joins as a worker and runs jobs the
 * decider gives it, a node whose lease was taken commits no more decisions and the holder decides instead, another
 * node takes over deciding when the decider closes, and after a kill -9 another node runs the dead node's jobs again
 * with attempt + 1.
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

    /** The engine's events of one node, and a latch released when it announces a workflow's end. */
    private static final class Seen implements SchedulerListener {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch finished = new CountDownLatch(1);
        final CountDownLatch twoStarted = new CountDownLatch(2);

        @Override
        public void onEvent(SchedulerEvent e) {
            events.add(e.type() + " " + (e.jobId() != null ? e.jobId() : e.workflowName()));
            if (e.type() == EventType.JOB_STARTED) {
                twoStarted.countDown();
            }
            if (e.type() == EventType.WORKFLOW_FINISHED) {
                finished.countDown();
            }
        }
    }

    private SchedulerConfig node(String url, String name, int workers, SchedulerListener listener) {
        return SchedulerConfig.lab(h2(url, name).withLease(Duration.ofSeconds(3)), results)
                .withLimits(new Limits(workers, 3)).withListener(listener);
    }

    private static WorkflowSpec twoLanes(String name, int ms) {
        return new WorkflowSpec(name, List.of(
                new JobSpec("a", "A", SleepJob.TYPE, Map.of("durationMs", ms), List.of()),
                new JobSpec("b", "B", SleepJob.TYPE, Map.of("durationMs", ms), List.of())));
    }

    private static List<String> nodesThatRan(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select node_name from pl_job order by job_key")) {
            List<String> nodes = new java.util.ArrayList<>();
            while (r.next()) {
                nodes.add(r.getString(1));
            }
            return nodes;
        }
    }

    @Test
    void aSecondNodeJoinsAsAWorkerAndRunsWhatTheDecidingNodeGivesIt() throws Exception {
        String url = newH2();
        Seen first = new Seen();
        try (Scheduler desk1 = Scheduler.start(node(url, "desk-1", 1, first));
                Scheduler desk2 = Scheduler.start(node(url, "desk-2", 1, new Seen()))) {
            desk2.profiles().create(null, new UserProfile("ana", null, true, null, null));
            // Submitted at the node that does not decide: it reaches the one that does through the database.
            desk2.submit("ana", twoLanes("scan", 200));
            assertThat(first.finished.await(30, TimeUnit.SECONDS)).as("desk-1 decided the workflow to its end").isTrue();
            assertThat(desk2.workflows("ana").getFirst().status()).isEqualTo(WorkflowStatus.SUCCEEDED);
            assertThat(desk1.limits().maxWorkers()).as("maxWorkers is each node's own").isEqualTo(1);
        }
        // One worker on each node: the two lanes could only run at once on two nodes.
        assertThat(nodesThatRan(url)).containsExactlyInAnyOrder("desk-1", "desk-2");
    }

    @Test
    void cancellingAWorkflowFromANodeThatDoesNotDecideStopsItsJobsOnEveryNode() throws Exception {
        String url = newH2();
        Seen first = new Seen();
        try (Scheduler desk1 = Scheduler.start(node(url, "desk-1", 1, first));
                Scheduler desk2 = Scheduler.start(node(url, "desk-2", 1, new Seen()))) {
            desk2.profiles().create(null, new UserProfile("ana", null, true, null, null));
            String id = desk2.submit("ana", twoLanes("long scan", 600_000));
            assertThat(first.twoStarted.await(30, TimeUnit.SECONDS)).as("both lanes started").isTrue();
            assertThat(desk2.cancelWorkflow("ana", id)).isTrue();
            // Ten-minute jobs: the workflow ends only because both handlers, one on each node, saw the cancel.
            assertThat(first.finished.await(60, TimeUnit.SECONDS)).as("the cancelled workflow ended").isTrue();
            var workflow = desk2.workflows("ana").getFirst();
            assertThat(workflow.status()).isEqualTo(WorkflowStatus.CANCELLED);
            assertThat(workflow.jobs()).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.CANCELLED));
        }
        assertThat(nodesThatRan(url)).containsExactlyInAnyOrder("desk-1", "desk-2");
    }

    @Test
    void aNodeWhoseLeaseWasTakenDecidesNothingMoreAndTheHolderDecidesInstead() throws Exception {
        String url = newH2();
        Seen first = new Seen();
        Seen second = new Seen();
        try (Scheduler desk1 = Scheduler.start(node(url, "desk-1", 2, first));
                Scheduler desk2 = Scheduler.start(node(url, "desk-2", 2, second))) {
            desk1.profiles().create(null, new UserProfile("ana", null, true, null, null));
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.executeUpdate("update pl_lease set holder = 'desk-2', expires_at = " + Long.MAX_VALUE / 2);
            }
            desk1.submit("ana", twoLanes("late", 0));
            assertThat(second.finished.await(30, TimeUnit.SECONDS)).as("desk-2, which holds the lease, decided it").isTrue();
            assertThat(first.events).as("desk-1 committed nothing after its lease was taken").isEmpty();
            assertThat(desk1.workflows("ana").getFirst().status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        }
    }

    @Test
    void whenTheDecidingNodeClosesAnotherDecidesAndRunsItsJobs() throws Exception {
        String url = newH2();
        Seen second = new Seen();
        Scheduler desk1 = Scheduler.start(node(url, "desk-1", 2, new Seen()));
        try (Scheduler desk2 = Scheduler.start(node(url, "gpu-server", 2, second))) {
            desk1.profiles().create(null, new UserProfile("ana", null, true, null, null));
            desk1.close();
            desk2.submit("ana", twoLanes("after", 0));
            assertThat(second.finished.await(30, TimeUnit.SECONDS)).as("gpu-server took over deciding").isTrue();
            assertThat(desk2.workflows("ana").getFirst().status()).isEqualTo(WorkflowStatus.SUCCEEDED);
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
