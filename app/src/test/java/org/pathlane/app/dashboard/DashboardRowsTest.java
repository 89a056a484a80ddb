package org.pathlane.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;

/** Rows as a lab desktop shows them while jobs report their progress. */
class DashboardRowsTest {

    @Test
    void aJobsProgressKeepsSayingWhichLabNodeRunsIt() {
        DashboardRows rows = new DashboardRows(type -> type);
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        JobView job = new JobView("w", "j1", "A", "segment", List.of(), JobStatus.RUNNING, 1, null, null, 0, null, now, null,
                null, Map.of(), "desk-b");
        WorkflowRow row = rows.row(new WorkflowView("w", "scan", "ada", WorkflowStatus.RUNNING, now, now, null, null,
                List.of(job)));
        assertThat(row.jobs().getFirst().detail()).isEqualTo("on desk-b");

        rows.progress("w", "j1", 3, 10, "3 of 10 tiles");
        assertThat(rows.patch(row).jobs().getFirst().detail()).isEqualTo("on desk-b · 3 of 10 tiles");
    }
}
