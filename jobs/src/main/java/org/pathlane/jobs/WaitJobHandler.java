package org.pathlane.jobs;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.jobs.SleepJob;

/**
 * The {@code sleep} job as the app runs it ("Wait"): the engine's parameters and checks ({@code durationMs},
 * {@code fail}), but progress in whole seconds with the time left, reported about every twentieth of the
 * wait (at most once a second) instead of once in raw milliseconds.
 */
public final class WaitJobHandler implements JobHandler {

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
        context.progress().report(0, totalSeconds, left(duration));
        long elapsed;
        while ((elapsed = clock.nanoTime() - start) < duration) {
            context.cancellation().throwIfCancelled();
            long next = Math.min(duration, (elapsed / step + 1) * step);
            clock.sleepNanos(next - elapsed);
            elapsed = clock.nanoTime() - start;
            if (elapsed < duration) {
                context.progress().report(Math.min(totalSeconds, elapsed / SECOND), totalSeconds, left(duration - elapsed));
            }
        }
        context.cancellation().throwIfCancelled();
        if (Boolean.TRUE.equals(params.get("fail"))) {
            throw new IllegalStateException("failed on purpose (fail: true) after " + durationMs + " ms");
        }
        context.progress().report(totalSeconds, totalSeconds, "done");
    }

    /** "4 min 18 s left", "12 s left", "5 min left". */
    static String left(long nanos) {
        long seconds = (nanos + SECOND - 1) / SECOND;
        long minutes = seconds / 60;
        long rest = seconds % 60;
        String text = minutes == 0 ? rest + " s" : rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
        return text + " left";
    }
}
