package org.pathlane.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathlane.scheduler.api.CancellationToken;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.ProgressSink;

/** The Wait job tells the dashboard how far it is in seconds, several times, on a clock the test turns. */
class WaitJobHandlerTest {

    private record Report(long done, long total, String message) {
    }

    /** Sleeping advances this clock at once. */
    private static final class TurnedClock implements WaitJobHandler.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    private static JobContext context(Map<String, Object> params, List<Report> reports) {
        return new JobContext() {
            @Override public String user() { return "ada"; }
            @Override public String workflowId() { return "wf"; }
            @Override public String jobId() { return "j1"; }
            @Override public int attempt() { return 1; }
            @Override public Map<String, Object> params() { return params; }
            @Override public Path resultDir() { return Path.of("unused"); }
            @Override public Path resultDirOf(String jobId) { return Path.of("unused"); }
            @Override public CancellationToken cancellation() { return () -> false; }
            @Override public ProgressSink progress() { return (d, t, m) -> reports.add(new Report(d, t, m)); }
            @Override public void emit(Object payload) { }
        };
    }

    @Test
    void aFiveMinuteWaitReportsTheSecondsWaitedAsItGoes() throws Exception {
        List<Report> reports = new ArrayList<>();
        new WaitJobHandler(new TurnedClock()).run(context(Map.of("durationMs", 300_000), reports));

        assertThat(reports.size()).as("reported several times, not once").isGreaterThan(5);
        assertThat(reports).allSatisfy(r -> assertThat(r.total()).as("in seconds, not milliseconds").isEqualTo(300));
        assertThat(reports.getFirst()).isEqualTo(new Report(0, 300, "seconds waited"));
        assertThat(reports).extracting(Report::done).isSorted();
        assertThat(reports.get(reports.size() / 2).done()).isBetween(100L, 200L);
        assertThat(reports.getLast()).isEqualTo(new Report(300, 300, "done"));
    }

    @Test
    void aShortWaitAndAFailingOneStillReadWell() throws Exception {
        List<Report> reports = new ArrayList<>();
        new WaitJobHandler(new TurnedClock()).run(context(Map.of("durationMs", 1_500), reports));
        assertThat(reports.getFirst()).isEqualTo(new Report(0, 2, "seconds waited"));
        assertThat(reports.getLast()).isEqualTo(new Report(2, 2, "done"));

        assertThatThrownBy(() -> new WaitJobHandler(new TurnedClock()).run(context(Map.of("durationMs", 10, "fail", true), new ArrayList<>())))
                .hasMessageContaining("failed on purpose");
        assertThatThrownBy(() -> new WaitJobHandler().validate(Map.of("durationMs", "soon")))
                .hasMessageContaining("durationMs");
    }
}
