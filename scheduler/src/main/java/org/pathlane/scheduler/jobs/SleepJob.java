package org.pathlane.scheduler.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;

/**
 * The {@code sleep} job type, for {@code pathlane sim}, demos and benchmarks. Parameters: {@code durationMs}
 * (a whole number of milliseconds, at least 0; default 0) and {@code fail} (boolean; default false: when
 * true the job throws after sleeping). It wakes at once when cancelled (the engine interrupts it).
 */
public final class SleepJob implements JobHandler {

    public static final String TYPE = "sleep";
    /** One day: longer sleeps are certainly a mistake in a scenario. */
    public static final long MAX_DURATION_MS = 86_400_000L;
    /** As the editor shows it: "Wait". */
    public static final JobType SCHEMA = new JobType(TYPE, "Wait (test job)",
            "Waits a while and succeeds; for trying out workflows and the queue.",
            List.of(new ParamSpec("durationMs", "Duration (ms)", ParamSpec.Kind.INTEGER, 2000L, true, List.of(), "")
                            .range(0, MAX_DURATION_MS),
                    new ParamSpec("fail", "Fail at the end", ParamSpec.Kind.BOOLEAN, false, false, List.of(),
                            "to try out fail-fast and retry")));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobType schema() {
        return SCHEMA;
    }

    @Override
    public void validate(Map<String, Object> params) {
        durationMs(params);
        fail(params);
    }

    @Override
    public void run(JobContext context) throws Exception {
        long durationMs = durationMs(context.params());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        context.progress().report(0, durationMs, "sleeping");
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            context.cancellation().throwIfCancelled();
            TimeUnit.NANOSECONDS.sleep(left);
        }
        context.cancellation().throwIfCancelled();
        if (fail(context.params())) {
            throw new IllegalStateException("failed on purpose (fail: true) after " + durationMs + " ms");
        }
        context.progress().report(durationMs, durationMs, "done");
    }

    static long durationMs(Map<String, Object> params) {
        Object value = params.getOrDefault("durationMs", 0);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0
                && n.longValue() <= MAX_DURATION_MS) {
            return n.longValue();
        }
        throw new IllegalArgumentException("field \"durationMs\" must be a whole number of milliseconds from 0 to "
                + MAX_DURATION_MS + " (one day), got " + describe(value));
    }

    static boolean fail(Map<String, Object> params) {
        Object value = params.getOrDefault("fail", false);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("field \"fail\" must be true or false, got " + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
