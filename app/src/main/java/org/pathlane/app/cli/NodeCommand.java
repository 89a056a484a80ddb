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
 * {@code pathlane node}: a headless PathLane node on a lab's PostgreSQL, for a server. Every node runs jobs with
 * its own {@code --workers}; one node at a time (the holder of the engine lease) decides for the whole lab, and
 * another takes over deciding, and a dead node's running jobs, when its lease or heartbeat runs out. SIGTERM stops
 * it cleanly: its running jobs go back to PENDING for the other nodes and it gives the lease up.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs a headless PathLane node on a lab's PostgreSQL (no window), e.g. on a GPU server.",
            "Every node runs jobs; one at a time decides for the lab, and another takes over when it stops or dies. "
                    + "Stops cleanly on SIGTERM (Ctrl-C): its running jobs go back to the queue for the other nodes."})
public final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "The lab database: postgresql://host[:port]/database.")
    String db;

    @Option(names = "--db-credentials", paramLabel = "FILE",
            description = "File with the lines user=NAME and password=SECRET (default: PATHLANE_DB_USER and "
                    + "PATHLANE_DB_PASSWORD from the environment).")
    Path credentials;

    @Option(names = "--results", required = true, paramLabel = "DIR",
            description = "Where job results go: the lab share every node and desktop reaches.")
    Path results;

    @Option(names = "--node-name", paramLabel = "NAME", description = "This node's name in the lab (default: host/pid/random).")
    String nodeName;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "20",
            description = "Engine lease and heartbeat expiry: a dead node's jobs run again on the other nodes within "
                    + "this (default ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = "Jobs this node runs at once (maxWorkers is each node's; default ${DEFAULT-VALUE}).")
    int workers;

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
        if (workers < 1 || workers > 256) {
            throw new CliException(2, "--workers must be 1 to 256");
        }
        org.pathlane.inference.model.Device nodeDevice;
        try {
            nodeDevice = org.pathlane.inference.model.Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CliException(2, "--device: " + e.getMessage());
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
        if (logFile != null) {
            logTo(logFile);
        }
        Files.createDirectories(results);
        SchedulerConfig config = SchedulerConfig.lab(lab, results.toAbsolutePath())
                .withLimits(new Limits(workers, Limits.DEFAULT.maxActiveUsers()));
        for (JobHandler handler : JobHandlers.node(nodeDevice)) {
            config = config.withHandler(handler);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("pathlane node " + lab.node() + ": connecting to " + lab.address() + " (results in " + results + ")");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        String node = lab.node();
        Scheduler scheduler = Scheduler.start(config);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            LOG.info("Stopping node {}: giving up the engine lease; its running jobs run again on the next engine", node);
            scheduler.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("pathlane node " + lab.node() + ": joined the lab with " + workers + " worker(s)");
        out.flush();
        stopped.await();
        return 0;
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
