package org.pathlane.scheduler.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a small throw-away workload through a separate engine before a scenario starts its clock.
 *
 * <p>Every {@code pathlane sim} is a fresh JVM: without this, the first submissions of a scenario pay for
 * class loading, Hibernate's first queries and the JIT (hundreds of milliseconds on a busy 2-core
 * machine), so workflows submitted "at 0 ms" would enter the trace far apart and sleeping jobs would end
 * late. The warm-up walks the same paths — submit, admission with a waiting user, dispatch, success,
 * cancel with its fail-fast cascade, slot release — on its own database, so nothing of it reaches the trace.
 */
final class EngineWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmUp.class);
    private static final int ROUNDS = 3;

    private EngineWarmUp() {
    }

    static void run(Path dataDir) throws InterruptedException {
        long started = System.nanoTime();
        List<String> users = List.of("warm-up-1", "warm-up-2");
        int workflows = ROUNDS * users.size();
        CountDownLatch finished = new CountDownLatch(workflows);
        SchedulerConfig config = SchedulerConfig.dataDir(dataDir).withLimits(new Limits(4, 1)).withListener(new SchedulerListener() {
            @Override
            public void onEvent(SchedulerEvent event) {
                if (event.type() == EventType.WORKFLOW_FINISHED) {
                    finished.countDown();
                }
            }
        });
        try (Scheduler scheduler = Scheduler.start(config)) {
            users.forEach(u -> scheduler.profiles().create(null, new UserProfile(u, null, false, null, null)));
            for (int round = 0; round < ROUNDS; round++) {
                for (String user : users) {
                    String id = scheduler.submit(user, workload());
                    scheduler.cancelJob(user, id, "late");
                }
            }
            if (!finished.await(30, TimeUnit.SECONDS)) {
                LOG.warn("The engine warm-up did not finish within 30 s; the scenario runs anyway");
            }
        }
        LOG.debug("Engine warm-up took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static WorkflowSpec workload() {
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(new JobSpec("a" + i, "A" + (i % 3), "sleep", Map.of("durationMs", 0), List.of()));
        }
        // Cancelling "late" cascades to the job after it in its lane and to its dependent (rule 8): the
        // fail-fast path is warmed without a failing job, which would log a failure on stderr.
        jobs.add(new JobSpec("late", "D", "sleep", Map.of("durationMs", 5), List.of("a7")));
        jobs.add(new JobSpec("after", "D", "sleep", Map.of("durationMs", 0), List.of()));
        jobs.add(new JobSpec("dependent", "C", "sleep", Map.of("durationMs", 0), List.of("late")));
        return new WorkflowSpec("warm-up", jobs);
    }
}
