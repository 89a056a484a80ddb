package org.pathlane.app.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pathlane.jobs.JobHandlers;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.model.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pathlane node}: a headless PathLane node, for a server. On a lab's PostgreSQL ({@code --db}) every node
 * runs jobs with its own {@code --workers}; one node at a time (the holder of the engine lease) decides for the
 * whole lab, and another takes over deciding, and a dead node's running jobs, when its lease or heartbeat runs
 * out. Without {@code --db} it runs a workstation's own queue (its data folder) without a window, as the app's
 * background runner does after the user quits with jobs to finish ({@code --until-idle}). SIGTERM stops it
 * cleanly: its running jobs go back to PENDING for the other nodes (or the next start) and it gives the lease up.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs a headless PathLane node (no window): on a lab's PostgreSQL (--db), e.g. on a GPU server,"
                + " or without --db on this workstation's own data folder (--data-dir).",
            "Every node runs jobs; one at a time decides for the lab, and another takes over when it stops or dies. "
                    + "Stops cleanly on SIGTERM (Ctrl-C): its running jobs go back to the queue for the other nodes."})
public final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @picocli.CommandLine.ParentCommand
    PathLaneCommand parent;

    @Option(names = "--db", paramLabel = "URL",
            description = "The lab database: postgresql://host[:port]/database (without it: this workstation's own"
                    + " database in its data folder).")
    String db;

    @Option(names = "--until-idle",
            description = "Stop once no job is waiting or running (how PathLane finishes a workstation's jobs after"
                    + " its window has closed).")
    boolean untilIdle;

    @Option(names = "--db-credentials", paramLabel = "FILE",
            description = "File with the lines user=NAME and password=SECRET (default: PATHLANE_DB_USER and "
                    + "PATHLANE_DB_PASSWORD from the environment).")
    Path credentials;

    @Option(names = "--results", paramLabel = "DIR",
            description = "With --db: where job results go, the lab share every node and desktop reaches.")
    Path results;

    @Option(names = "--node-name", paramLabel = "NAME", description = "This node's name in the lab (default: host/pid/random).")
    String nodeName;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "20",
            description = "Engine lease and heartbeat expiry: a dead node's jobs run again on the other nodes within "
                    + "this (default ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--workers", paramLabel = "N",
            description = "With --db: jobs this node runs at once (maxWorkers is each node's; default 4).")
    Integer workers;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "Where segmentation jobs that leave the device to the node (auto) run here; cuda fails such a "
                    + "job when CUDA cannot load (default ${DEFAULT-VALUE}: CUDA when it loads, else the CPU).")
    String device;

    @Option(names = "--log", paramLabel = "FILE", description = "Also write the log to this file (appended).")
    Path logFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (leaseSeconds < 2 || leaseSeconds > 3600) {
            throw new CliException(2, "--lease must be 2 to 3600 seconds");
        }
        if (workers != null && (workers < 1 || workers > 256)) {
            throw new CliException(2, "--workers must be 1 to 256");
        }
        org.pathlane.inference.model.Device nodeDevice;
        try {
            nodeDevice = org.pathlane.inference.model.Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CliException(2, "--device: " + e.getMessage());
        }
        if (logFile != null) {
            logTo(logFile);
        }
        return db == null ? local(nodeDevice) : lab(nodeDevice);
    }

    private int lab(org.pathlane.inference.model.Device nodeDevice) throws Exception {
        if (results == null) {
            throw new CliException(2, "--results DIR is needed with --db: the lab share where every node writes results");
        }
        if (untilIdle) {
            throw new CliException(2, "--until-idle is for a workstation's own queue (node without --db): a lab node"
                    + " keeps serving the lab until it is stopped");
        }
        LabDatabase lab;
        try {
            lab = LabDatabase.parse(db, credentials, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CliException(2, e.getMessage());
        }
        lab = lab.withStandby(true).withLease(Duration.ofSeconds(leaseSeconds));
        if (nodeName != null) {
            if (nodeName.isBlank() || nodeName.length() > 100 || nodeName.chars().anyMatch(Character::isISOControl)) {
                throw new CliException(2, "--node-name must be 1-100 characters without control characters");
            }
            lab = lab.withNode(nodeName.strip());
        }
        Files.createDirectories(results);
        SchedulerConfig config = SchedulerConfig.lab(lab, results.toAbsolutePath())
                .withLimits(new Limits(workers == null ? 4 : workers, Limits.DEFAULT.maxActiveUsers()));
        for (JobHandler handler : JobHandlers.node(nodeDevice)) {
            config = config.withHandler(handler);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("pathlane node " + lab.node() + ": connecting to " + lab.address() + " (results in " + results + ")");
        out.flush();
        String node = lab.node();
        Running running = run(config, "Stopping node " + node + ": giving up the engine lease; its running jobs run again"
                + " on the next engine", null);
        out.println("pathlane node " + lab.node() + ": joined the lab with " + (workers == null ? 4 : workers) + " worker(s)");
        out.flush();
        running.await();
        return 0;
    }

    /** This workstation's own queue, headless: what the app's background runner is. */
    private int local(org.pathlane.inference.model.Device nodeDevice) throws Exception {
        if (credentials != null || results != null || nodeName != null || workers != null) {
            throw new CliException(2, "--db-credentials, --results, --node-name and --workers go with --db"
                    + " postgresql://HOST/DB; a workstation's own queue runs with the limits in its Settings");
        }
        Path dataDir = parent == null ? org.pathlane.app.DataDir.resolve(null) : parent.dataDir();
        // The app's Wait job, as the app registers it, so that a workstation's queue runs here as it does there.
        SchedulerConfig config = SchedulerConfig.dataDir(dataDir).withHandler(new org.pathlane.jobs.WaitJobHandler());
        for (JobHandler handler : JobHandlers.node(nodeDevice)) {
            config = config.withHandler(handler);
        }
        java.util.concurrent.Semaphore changed = new java.util.concurrent.Semaphore(0);
        config = config.withListener(new org.pathlane.scheduler.event.SchedulerListener() {
            @Override
            public void onEvent(org.pathlane.scheduler.event.SchedulerEvent event) {
                changed.release();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        Running running;
        try {
            running = run(config, "Stopping the headless node on " + dataDir + " (a job still running goes back in the queue)",
                    dataDir);
        } catch (org.pathlane.scheduler.persistence.DatabaseException e) {
            org.pathlane.app.quit.BackgroundRunner.leave(dataDir);
            throw new CliException(1, e.getMessage());
        }
        org.pathlane.app.quit.BackgroundRunner.announce(dataDir);
        out.println("pathlane node: running the queue of " + dataDir + " with " + running.scheduler.limits().maxWorkers()
                + " worker(s)" + (untilIdle ? " until it is empty" : ""));
        out.flush();
        if (!untilIdle) {
            running.await();
            return 0;
        }
        // Every event (a job started or ended, a user admitted or released) may have emptied the queue.
        while (!running.stopped() && !idle(running.scheduler)) {
            changed.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS);
            changed.drainPermits();
        }
        if (!running.stopped()) {
            out.println("pathlane node: nothing left to run in " + dataDir + "; stopping");
            out.flush();
            running.stop();
        }
        running.await();
        return 0;
    }

    private static boolean idle(Scheduler scheduler) {
        var queue = scheduler.userQueue();
        return queue.active().isEmpty() && queue.waiting().isEmpty();
    }

    private Running run(SchedulerConfig config, String stopping, Path announced) {
        Scheduler scheduler = Scheduler.start(config);
        Running running = new Running(scheduler, stopping, announced);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(running::stop));
        return running;
    }

    /** A started engine that stops once, from SIGTERM or when its work is done. */
    private static final class Running {
        private final Scheduler scheduler;
        private final String stopping;
        private final Path announced;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicBoolean stopping0 = new java.util.concurrent.atomic.AtomicBoolean();

        Running(Scheduler scheduler, String stopping, Path announced) {
            this.scheduler = scheduler;
            this.stopping = stopping;
            this.announced = announced;
        }

        void stop() {
            if (!stopping0.compareAndSet(false, true)) {
                await();
                return;
            }
            LOG.info(stopping);
            try {
                scheduler.close();
            } finally {
                if (announced != null) {
                    org.pathlane.app.quit.BackgroundRunner.leave(announced);
                }
                stopped.countDown();
            }
        }

        boolean stopped() {
            return stopping0.get();
        }

        void await() {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void logTo(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}
