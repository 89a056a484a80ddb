package org.pathlane.scheduler.engine;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.Limits;

/**
 * How to start a {@link Scheduler}: where the database is, where results go, the initial limits, the clock
 * and the job handlers ({@code sleep} is always registered). Limits saved by {@link Scheduler#setLimits}
 * win over the ones given here, which only seed a new database.
 *
 * @param jdbcUrl    null for the H2 file database {@code <dataDir>/pathlane.mv.db}
 * @param resultsDir where job result folders go ({@code <dataDir>/results} by default)
 * @param lab        a lab's shared PostgreSQL (then {@code jdbcUrl} is its URL), or null
 */
public record SchedulerConfig(Path dataDir, String jdbcUrl, Path resultsDir, Limits limits, InstantSource clock,
        List<JobHandler> handlers, List<SchedulerListener> listeners, LabDatabase lab) {

    public SchedulerConfig {
        Objects.requireNonNull(resultsDir, "resultsDir");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        handlers = List.copyOf(handlers);
        listeners = List.copyOf(listeners);
    }

    /** The desktop set-up: H2 file database and results under {@code dataDir}. */
    public static SchedulerConfig dataDir(Path dataDir) {
        return new SchedulerConfig(dataDir, null, dataDir.resolve("results"), Limits.DEFAULT, InstantSource.system(),
                List.of(), List.of(), null);
    }

    /** A JDBC URL (e.g. a shared PostgreSQL, or {@code jdbc:h2:mem:...} in unit tests) and a results folder. */
    public static SchedulerConfig jdbc(String jdbcUrl, Path resultsDir) {
        return new SchedulerConfig(null, jdbcUrl, resultsDir, Limits.DEFAULT, InstantSource.system(), List.of(), List.of(), null);
    }

    /** A lab's shared PostgreSQL and a results folder every node can reach (a lab share). */
    public static SchedulerConfig lab(LabDatabase lab, Path resultsDir) {
        return new SchedulerConfig(null, lab.jdbcUrl(), resultsDir, Limits.DEFAULT, InstantSource.system(), List.of(),
                List.of(), lab);
    }

    public SchedulerConfig withLab(LabDatabase newLab) {
        return new SchedulerConfig(dataDir, newLab.jdbcUrl(), resultsDir, limits, clock, handlers, listeners, newLab);
    }

    public SchedulerConfig withLimits(Limits newLimits) {
        return new SchedulerConfig(dataDir, jdbcUrl, resultsDir, newLimits, clock, handlers, listeners, lab);
    }

    public SchedulerConfig withClock(InstantSource newClock) {
        return new SchedulerConfig(dataDir, jdbcUrl, resultsDir, limits, newClock, handlers, listeners, lab);
    }

    public SchedulerConfig withHandler(JobHandler handler) {
        List<JobHandler> more = new ArrayList<>(handlers);
        more.add(handler);
        return new SchedulerConfig(dataDir, jdbcUrl, resultsDir, limits, clock, more, listeners, lab);
    }

    /**
     * A listener of the engine's owner (not of a signed-in user): it gets every user's events from the start,
     * the ones of restoring included. For the trace of {@code pathlane sim} and benchmarks; a user interface
     * subscribes with {@link Scheduler#addListener(String, SchedulerListener)}.
     */
    public SchedulerConfig withListener(SchedulerListener listener) {
        List<SchedulerListener> more = new ArrayList<>(listeners);
        more.add(listener);
        return new SchedulerConfig(dataDir, jdbcUrl, resultsDir, limits, clock, handlers, more, lab);
    }
}
