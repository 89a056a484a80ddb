package org.pathlane.jobs;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.jobs.SleepJob;

/**
 * The {@code sleep} job as the app runs it ("Wait"): the engine's parameters and checks ({@code durationMs},
 * {@code fail}), but progress in whole seconds waited, reported about every twentieth of the wait (at most once
 * a second) instead of once in raw milliseconds. The dashboard says from it how long is left, as for any job that
 * reports its progress; the job does not say it a second time.
 */
public final class WaitJobHandler implements JobHandler {

    /** What the progress counts. */
    static final String WAITED = "seconds waited";

    /** Time as the job sees it; the test turns it without waiting. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int REPORTS = 20;

    private final SleepJob rules = new SleepJob();
    private final Clock clock;

    public WaitJobHandler() {
        this(SYSTEM);
    }

    WaitJobHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return SleepJob.TYPE;
    }

    @Override
    public JobType schema() {
        return SleepJob.SCHEMA;
    }

    @Override
    public void validate(Map<String, Object> params) {
        rules.validate(params);
    }

    @Override
    public void run(JobContext context) throws Exception {
        Map<String, Object> params = context.params();
        validate(params);
        long durationMs = ((Number) params.getOrDefault("durationMs", 0)).longValue();
        long duration = TimeUnit.MILLISECONDS.toNanos(durationMs);
        long totalSeconds = (durationMs + 999) / 1000;
        long step = Math.max(SECOND, duration / REPORTS);
        long start = clock.nanoTime();
        context.progress().report(0, totalSeconds, WAITED);
        long elapsed;
        while ((elapsed = clock.nanoTime() - start) < duration) {
            context.cancellation().throwIfCancelled();
            long next = Math.min(duration, (elapsed / step + 1) * step);
            clock.sleepNanos(next - elapsed);
            elapsed = clock.nanoTime() - start;
            if (elapsed < duration) {
                context.progress().report(Math.min(totalSeconds, elapsed / SECOND), totalSeconds, WAITED);
            }
        }
        context.cancellation().throwIfCancelled();
        if (Boolean.TRUE.equals(params.get("fail"))) {
            throw new IllegalStateException("failed on purpose (fail: true) after " + durationMs + " ms");
        }
        context.progress().report(totalSeconds, totalSeconds, "done");
    }
}
