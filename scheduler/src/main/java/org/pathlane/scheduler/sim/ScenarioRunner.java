package org.pathlane.scheduler.sim;

import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
 * Runs a scenario through the real engine in real time: submissions and cancels are made at their times, in
 * {@link Timeline} order (late rather than reordered when the engine is behind), the {@code sleep} jobs really
 * sleep, and every committed event is written to the trace.
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final Duration DRIVER_STOP = Duration.ofSeconds(5);

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
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            long startNanos = originNanos + TimeUnit.MILLISECONDS.toNanos(start);
            CountDownLatch over = new CountDownLatch(1);
            Thread driver = Thread.ofPlatform().name("pathlane-sim").daemon(true).start(() -> {
                try {
                    drive(scheduler, scenario, startNanos, over);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.set(e);
                    while (finished.getCount() > 0) {
                        finished.countDown();
                    }
                }
            });
            try {
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
                // Released, not interrupted: the driver may be in a database read of its own (submit and cancel
                // look up the profile and the workflow), and an interrupt there can close H2's file channel. The
                // wait is bounded: if the engine is stuck, closing it below fails the call the driver waits on.
                over.countDown();
                driver.join(DRIVER_STOP);
            }
            makespan = Duration.ofMillis(monotonic.millis() - start);
        } finally {
            scheduler.close();
        }
        writer.finish();
        return new Result(makespan, scenario.jobCount());
    }

    /**
     * Makes the scenario's inputs in {@link Timeline} order on this one thread, each at (or, when the engine is
     * behind, as soon as possible after) its time counted from {@code startNanos}; stops before the next input
     * once {@code over} is released.
     */
    private static void drive(Scheduler scheduler, Scenario scenario, long startNanos, CountDownLatch over)
            throws InterruptedException {
        Map<String, Scenario.Submission> byJob = new HashMap<>();
        Map<String, Scenario.Submission> byId = new HashMap<>();
        scenario.workflows().forEach(w -> {
            byId.put(w.id(), w);
            w.spec().jobs().forEach(j -> byJob.put(j.id(), w));
        });
        // Submissions go in without waiting for each commit (in order, several per transaction when many are due
        // at once); a cancel waits for the id of the workflow it names.
        Map<String, java.util.concurrent.CompletableFuture<String>> engineIds = new HashMap<>();
        for (Timeline.Input input : Timeline.of(scenario)) {
            long wait = startNanos + TimeUnit.MILLISECONDS.toNanos(input.atMs()) - System.nanoTime();
            if (over.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                return;
            }
            if (input.submission() != null) {
                Scenario.Submission s = input.submission();
                try {
                    engineIds.put(s.id(), scheduler.submitAsync(s.user(), s.spec()));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("submitting workflow " + s.id() + " failed: " + e.getMessage(), e);
                }
            } else {
                Scenario.Cancel c = input.cancel();
                cancel(scheduler, c, c.job() != null ? byJob.get(c.job()) : byId.get(c.workflow()), engineIds);
            }
        }
        for (var submitted : engineIds.entrySet()) {
            engineId(submitted.getKey(), submitted.getValue());
        }
    }

    private static String engineId(String workflow, java.util.concurrent.CompletableFuture<String> submitted) {
        try {
            return submitted.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("submitting workflow " + workflow + " failed: " + cause.getMessage(), cause);
        }
    }

    private static void cancel(Scheduler scheduler, Scenario.Cancel c, Scenario.Submission workflow,
            Map<String, java.util.concurrent.CompletableFuture<String>> engineIds) {
        var submitted = engineIds.get(workflow.id());
        if (submitted == null) {
            LOG.info("Cancel at {} ms of {} ignored: workflow {} is not submitted yet", c.atMs(),
                    c.job() != null ? "job " + c.job() : "workflow " + workflow.id(), workflow.id());
            return;
        }
        String engineId = engineId(workflow.id(), submitted);
        try {
            if (c.job() != null) {
                scheduler.cancelJob(workflow.user(), engineId, c.job());
            } else {
                scheduler.cancelWorkflow(workflow.user(), engineId);
            }
        } catch (NotFoundException e) {
            LOG.warn("Cancel at {} ms failed: {}", c.atMs(), e.getMessage());
        }
    }
}
