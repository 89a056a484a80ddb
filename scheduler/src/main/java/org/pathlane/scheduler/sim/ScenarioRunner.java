package org.pathlane.scheduler.sim;

import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.ListenerRelay;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.UserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario through the real engine in real time: submissions and cancels fire at their times, the
 * {@code sleep} jobs really sleep, and every committed event is written to the trace.
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    /** What a run measured: wall time from start to the last workflow's end. */
    public record Result(Duration makespan, long jobs) {
    }

    private ScenarioRunner() {
    }

    /**
     * @param base the database and results location (a throw-away one); limits and clock come from here
     * @throws IllegalStateException if the scenario does not finish within its budget
     */
    public static Result run(Scenario scenario, SchedulerConfig base, Writer trace) throws InterruptedException {
        if (base.dataDir() != null) {
            EngineWarmUp.run(base.dataDir().resolve("warm-up"));
        }
        long originNanos = System.nanoTime();
        InstantSource monotonic = () -> Instant.ofEpochMilli((System.nanoTime() - originNanos) / 1_000_000);
        ListenerRelay relay = new ListenerRelay();
        SchedulerConfig config = base.withLimits(scenario.limits()).withClock(monotonic).withListener(relay);
        Scheduler scheduler = Scheduler.start(config);
        TraceWriter writer;
        Duration makespan;
        try {
            scenario.workflows().stream().map(Scenario.Submission::user).distinct()
                    .forEach(u -> scheduler.profiles().create(null, new UserProfile(u, null, false, null, null)));
            CountDownLatch finished = new CountDownLatch(scenario.workflows().size());
            relay.attach(new SchedulerListener() {
                @Override
                public void onEvent(SchedulerEvent event) {
                    if (event.type() == EventType.WORKFLOW_FINISHED) {
                        finished.countDown();
                    }
                }
            });
            long start = monotonic.millis();
            writer = new TraceWriter(trace, start);
            relay.attach(writer);
            Map<String, String> engineIds = new ConcurrentHashMap<>();
            Map<String, String> owners = new ConcurrentHashMap<>();
            ScheduledExecutorService timeline = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("pathlane-sim").daemon(true).factory());
            try {
                AtomicReference<RuntimeException> failure = new AtomicReference<>();
                for (Scenario.Submission s : scenario.workflows()) {
                    timeline.schedule(() -> {
                        try {
                            engineIds.put(s.id(), scheduler.submit(s.user(), s.spec()));
                            owners.put(s.id(), s.user());
                            s.spec().jobs().forEach(j -> owners.put(j.id(), s.user()));
                        } catch (RuntimeException e) {
                            failure.set(new IllegalStateException("submitting workflow " + s.id() + " failed: "
                                    + e.getMessage(), e));
                            while (finished.getCount() > 0) {
                                finished.countDown();
                            }
                        }
                    }, s.submitAtMs(), TimeUnit.MILLISECONDS);
                }
                for (Scenario.Cancel c : scenario.cancels()) {
                    timeline.schedule(() -> cancel(scheduler, scenario, c, engineIds, owners), c.atMs(),
                            TimeUnit.MILLISECONDS);
                }
                long budgetMs = 60_000 + scenario.workflows().stream().mapToLong(Scenario.Submission::submitAtMs).max().orElse(0)
                        + scenario.workflows().stream().flatMap(w -> w.spec().jobs().stream())
                                .mapToLong(j -> ((Number) j.params().get("durationMs")).longValue()).sum();
                if (!finished.await(budgetMs, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the scenario did not finish within " + budgetMs + " ms");
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            } finally {
                timeline.shutdownNow();
            }
            makespan = Duration.ofMillis(monotonic.millis() - start);
        } finally {
            scheduler.close();
        }
        writer.finish();
        return new Result(makespan, scenario.jobCount());
    }

    private static void cancel(Scheduler scheduler, Scenario scenario, Scenario.Cancel c, Map<String, String> engineIds,
            Map<String, String> owners) {
        String workflowId = c.workflow() != null ? c.workflow() : scenario.workflows().stream()
                .filter(w -> w.spec().jobs().stream().anyMatch(j -> j.id().equals(c.job())))
                .map(Scenario.Submission::id).findFirst().orElseThrow();
        String engineId = engineIds.get(workflowId);
        if (engineId == null) {
            LOG.info("Cancel at {} ms of {} ignored: workflow {} is not submitted yet", c.atMs(),
                    c.job() != null ? "job " + c.job() : "workflow " + workflowId, workflowId);
            return;
        }
        try {
            if (c.job() != null) {
                scheduler.cancelJob(owners.get(c.job()), engineId, c.job());
            } else {
                scheduler.cancelWorkflow(owners.get(workflowId), engineId);
            }
        } catch (NotFoundException e) {
            LOG.warn("Cancel at {} ms failed: {}", c.atMs(), e.getMessage());
        }
    }
}
