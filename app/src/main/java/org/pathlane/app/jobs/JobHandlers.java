package org.pathlane.app.jobs;

import java.util.List;
import org.pathlane.scheduler.api.JobHandler;

/** The job types the desktop app registers with its engine (besides the engine's built-in {@code sleep}). */
public final class JobHandlers {

    private JobHandlers() {
    }

    public static List<JobHandler> desktop() {
        return List.of(new SegmentJobHandler(), new TissueJobHandler(), new ExportJobHandler());
    }
}
