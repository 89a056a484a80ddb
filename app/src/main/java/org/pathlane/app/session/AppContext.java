package org.pathlane.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.jobs.WaitJobHandler;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.jobs.SleepJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the desktop app runs on, opened once per start: the data folder, the scheduler engine with
 * its job types, the app's settings and a small worker pool for engine calls and file work, so the FX
 * thread never waits on the database or a disk.
 */
public final class AppContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final Path dataDir;
    private final Scheduler scheduler;
    private final JobCatalog catalog;
    private final AppSettings settings;
    private final ExecutorService workers;
    private final UiExecutors executors;

    private AppContext(Path dataDir, Scheduler scheduler, JobCatalog catalog, AppSettings settings,
                       ExecutorService workers, java.util.concurrent.Executor fx) {
        this.dataDir = dataDir;
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.settings = settings;
        this.workers = workers;
        this.executors = new UiExecutors(workers, fx);
    }

    /**
     * Opens the data folder (creating it), the database and the engine. Slow (database migration): call it
     * off the FX thread.
     *
     * @param fx       how results reach the FX thread ({@code Platform::runLater} in the app)
     * @param handlers the job types besides the built-in {@code sleep}
     * @throws IOException naming the folder when it cannot be created
     */
    public static AppContext open(Path dataDir, SchedulerConfig config, List<JobHandler> handlers,
                                  java.util.concurrent.Executor fx) throws IOException {
        Files.createDirectories(dataDir);
        AppSettings settings = AppSettings.load(dataDir.resolve("settings.json"));
        // The app's Wait job replaces the engine's built-in sleep (same parameters) for readable progress.
        SchedulerConfig withHandlers = config.withHandler(new WaitJobHandler());
        Set<String> types = new LinkedHashSet<>();
        types.add(SleepJob.TYPE);
        for (JobHandler h : handlers) {
            withHandlers = withHandlers.withHandler(h);
            types.add(h.type());
        }
        Scheduler scheduler = Scheduler.start(withHandlers);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "pathlane-ui-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LOG.info("PathLane data folder {}; job types {}", dataDir, types);
        return new AppContext(dataDir, scheduler, JobCatalog.forRegistered(types), settings, workers, fx);
    }

    /** The desktop set-up: H2 database and results inside the data folder. */
    public static AppContext openDesktop(Path dataDir, List<JobHandler> handlers, java.util.concurrent.Executor fx) throws IOException {
        return openDesktop(dataDir, handlers, fx, null);
    }

    /**
     * Opens the desktop on its own embedded database, or as one node of a lab's PostgreSQL.
     *
     * @param lab the lab to join for this run ({@code --db}), or null for what Settings say
     */
    public static AppContext openDesktop(Path dataDir, List<JobHandler> handlers, java.util.concurrent.Executor fx,
            LabConnection lab) throws IOException {
        return openDesktop(dataDir, handlers, fx, lab, say -> { });
    }

    /**
     * As {@link #openDesktop(Path, List, java.util.concurrent.Executor, LabConnection)}; on the workstation's own
     * database, first takes its jobs back from the background runner a quit left them with
     * ({@link org.pathlane.app.quit.BackgroundRunner}).
     *
     * @param say told what takes time, for the splash screen
     */
    public static AppContext openDesktop(Path dataDir, List<JobHandler> handlers, java.util.concurrent.Executor fx,
            LabConnection lab, java.util.function.Consumer<String> say) throws IOException {
        Files.createDirectories(dataDir);
        LabConnection join = lab != null ? lab : AppSettings.load(dataDir.resolve("settings.json")).lab().orElse(null);
        if (join == null || join.local()) {
            try {
                org.pathlane.app.quit.BackgroundRunner.takeOver(dataDir, java.time.Duration.ofSeconds(60), say);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while taking the jobs back from the background runner", e);
            }
            return open(dataDir, SchedulerConfig.dataDir(dataDir), handlers, fx);
        }
        SchedulerConfig config;
        try {
            config = join.config(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IOException("lab database " + join.db() + ": " + e.getMessage(), e);
        }
        Files.createDirectories(join.results());
        LOG.info("Joining the lab database {}", join.describe());
        return open(dataDir, config, handlers, fx);
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The folder every profile's templates shared before each profile had its own; only read now, by
     * {@link org.pathlane.app.editor.TemplateMigration}.
     */
    public Path sharedTemplatesDir() {
        return dataDir.resolve("templates");
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public JobCatalog catalog() {
        return catalog;
    }

    public AppSettings settings() {
        return settings;
    }

    public UiExecutors executors() {
        return executors;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Some background work did not stop within 5 s; closing the engine anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
    }
}
