package org.pathlane.app.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.model.Limits;

/** Real engines on throw-away in-memory databases, for view-model and scene tests. */
public final class TestEngines {

    private TestEngines() {
    }

    public static SchedulerConfig memory(Path dir, Limits limits) {
        return SchedulerConfig.jdbc("jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", dir.resolve("results"))
                .withLimits(limits);
    }

    public static Scheduler scheduler(Path dir, Limits limits, JobHandler... handlers) {
        SchedulerConfig config = memory(dir, limits);
        for (JobHandler h : handlers) {
            config = config.withHandler(h);
        }
        return Scheduler.start(config);
    }

    /** The app's whole context on an in-memory engine; results are handed to {@code fx}. */
    public static AppContext context(Path dir, Limits limits, List<JobHandler> handlers, java.util.concurrent.Executor fx)
            throws IOException {
        return AppContext.open(dir, memory(dir, limits), handlers, fx);
    }

    public static UiExecutors direct() {
        return UiExecutors.direct();
    }
}
