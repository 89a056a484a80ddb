package org.pathlane.scheduler.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.NotRunnableHereException;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * A node that cannot reach a job's slide (the lab share is not mounted there) gives the job back to the lab
 * instead of failing it: another node runs it; only when no live node can is it failed, naming the nodes.
 */
class SlideHandOffTest {

    @TempDir
    Path results;

    /**
     * Reads "the share" only where it is mounted: on other nodes it says it cannot run the job here. Where it is
     * mounted, the first job waits at a gate, so the lab's other worker is the only free one.
     */
    private static final class ShareJob implements JobHandler {
        final boolean mounted;
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch gaveBack = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);

        ShareJob(boolean mounted) {
            this.mounted = mounted;
        }

        @Override
        public String type() {
            return "share";
        }

        @Override
        public void run(JobContext context) throws Exception {
            if (!mounted) {
                gaveBack.countDown();
                throw new NotRunnableHereException("/mnt/lab/slide.svs is not reachable from this machine");
            }
            if (first.getAndSet(false)) {
                gate.await();
            }
        }
    }

    /** Holds a worker until released: two held at once prove both nodes are live and taking work. */
    private static final class HoldJob implements JobHandler {
        final CountDownLatch started = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String type() {
            return "hold";
        }

        @Override
        public void run(JobContext context) throws Exception {
            started.countDown();
            release.await();
        }
    }

    private static final class Finished implements SchedulerListener {
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onEvent(SchedulerEvent e) {
            if (e.type() == EventType.WORKFLOW_FINISHED) {
                done.countDown();
            }
        }
    }

    private final HoldJob hold = new HoldJob();

    private SchedulerConfig node(String url, String name, ShareJob job, SchedulerListener listener) {
        return SchedulerConfig.lab(new LabDatabase(url, "sa", "", name, Duration.ofSeconds(3), false), results)
                .withLimits(new Limits(1, 3)).withHandler(job).withHandler(hold).withListener(listener);
    }

    private static WorkflowSpec lanes(int n) {
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            jobs.add(new JobSpec("j" + i, "L" + i, "share", Map.of(), List.of()));
        }
        return new WorkflowSpec("on the share", jobs);
    }

    private static List<String> nodesThatRan(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select node_name from pl_job order by job_key")) {
            List<String> nodes = new ArrayList<>();
            while (r.next()) {
                nodes.add(r.getString(1));
            }
            return nodes;
        }
    }

    @Test
    void aJobWhoseSlideANodeCannotReachRunsOnANodeThatCan() throws Exception {
        String url = "jdbc:h2:mem:handoff-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Finished finished = new Finished();
        ShareJob onA = new ShareJob(true);
        ShareJob onB = new ShareJob(false);
        try (Scheduler mounted = Scheduler.start(node(url, "desk-a", onA, finished));
                Scheduler unmounted = Scheduler.start(node(url, "desk-b", onB, new Finished()))) {
            mounted.profiles().create(null, new UserProfile("ana", null, true, null, null));
            // Two lanes, one worker on each node: j1 holds desk-a's worker, so the other job goes to desk-b,
            // which lacks the share and gives it back.
            unmounted.submit("ana", lanes(2));
            assertThat(onB.gaveBack.await(60, TimeUnit.SECONDS)).as("desk-b was given a job and gave it back").isTrue();
            onA.gate.countDown();
            assertThat(finished.done.await(60, TimeUnit.SECONDS)).as("the workflow ended").isTrue();
            var workflow = mounted.workflows("ana").getFirst();
            assertThat(workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
            assertThat(workflow.jobs()).extracting(JobView::status).containsOnly(JobStatus.SUCCEEDED);
            assertThat(workflow.jobs()).extracting(JobView::attempt).as("the one desk-b gave back ran again")
                    .containsExactlyInAnyOrder(1, 2);
        }
        assertThat(nodesThatRan(url)).containsOnly("desk-a");
    }

    @Test
    void whenNoLiveNodeCanReachTheSlideTheJobFailsNamingThem() throws Exception {
        String url = "jdbc:h2:mem:handoff-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Finished finished = new Finished();
        try (Scheduler first = Scheduler.start(node(url, "desk-a", new ShareJob(false), finished));
                Scheduler second = Scheduler.start(node(url, "desk-b", new ShareJob(false), new Finished()))) {
            first.profiles().create(null, new UserProfile("ana", null, true, null, null));
            // Both nodes live first: one worker each, two jobs held at once.
            first.submit("ana", new WorkflowSpec("warm-up", List.of(new JobSpec("h1", "H1", "hold", Map.of(), List.of()),
                    new JobSpec("h2", "H2", "hold", Map.of(), List.of()))));
            assertThat(hold.started.await(60, TimeUnit.SECONDS)).as("both nodes run a job").isTrue();
            hold.release.countDown();
            assertThat(finished.done.await(60, TimeUnit.SECONDS)).as("the warm-up ended").isTrue();
            Finished shareDone = new Finished();
            first.addListener("ana", shareDone);
            first.submit("ana", lanes(1));
            assertThat(shareDone.done.await(60, TimeUnit.SECONDS)).as("the workflow ended").isTrue();
            JobView job = first.workflows("ana").getFirst().jobs().getFirst();
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.reason()).contains("is not reachable from this machine")
                    .contains("no node of the lab can run it (tried desk-a, desk-b)");
        }
    }
}
