package org.pathlane.app.quit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headless runner a standalone workstation hands its jobs to when the user quits and keeps them running:
 * {@code pathlane node --data-dir DIR --until-idle}, a process of its own on the same data folder, started
 * after the window has closed the database. It runs the queue with the same rules and exits when nothing is
 * left to run. The next time PathLane opens that folder it takes the jobs back: it stops the runner (SIGTERM:
 * its running jobs go back in the queue, a segmentation keeping its finished tiles) and opens the folder itself.
 *
 * <p>The runner is said to be there with {@value #FILE} in the data folder, written by the app that starts it
 * (before the runner's JVM has opened the database) and again by the runner: its process id and start time, so a
 * file left by a runner that was killed, or a process id the system gave to another program since, is not
 * taken for a runner.
 */
public final class BackgroundRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRunner.class);

    /** In the data folder while a runner works there. */
    public static final String FILE = "background-runner.properties";

    /** The runner's log, in the data folder's {@code logs} folder. */
    public static final String LOG_FILE = "background-runner.log";

    private static final String MAIN_CLASS = "org.pathlane.app.Main";

    private BackgroundRunner() {
    }

    /**
     * Starts the runner on {@code dataDir}, whose database this process must have closed already.
     *
     * @return the runner's process
     * @throws IOException naming what could not be started
     */
    public static Process start(Path dataDir) throws IOException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        String launcher = self.command().orElseThrow(() -> new IOException("the system does not say which program runs"
                + " PathLane, so it cannot start its background runner"));
        List<String> command = command(launcher, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                dataDir, setsid());
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(LOG_FILE).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice().toFile()));
        // The class path goes through the environment, as ./pathlane passes it: a long command line crashes ONNX
        // Runtime. An installed launcher sets its own.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path", ""));
        LOG.info("Starting the background runner on {}: {}", dataDir, command);
        Process runner = builder.start();
        // Said here, not only by the runner once it has the database: a PathLane opened again while the runner's
        // JVM is still starting would otherwise find no runner, and open the folder beside it or lose it to it.
        try {
            record(dataDir, runner.toHandle());
        } catch (IOException e) {
            // The runner is started and says it is there itself once it has the database.
            LOG.warn("Could not record the background runner {} in {}: {}", runner.pid(), dataDir.resolve(FILE), e.toString());
        }
        return runner;
    }

    /**
     * The command line that runs {@code node --data-dir DIR --until-idle} the way this process was run: with a
     * JVM ({@code java ... org.pathlane.app.Main}), the same JVM options except class-data sharing (an archive
     * belongs to one command) and a debugger's agent (its port is taken); with an installed launcher, the
     * launcher itself, which knows its options.
     *
     * @param setsid the {@code setsid} program, to run the runner in a session of its own so that closing the
     *               terminal PathLane was started from does not stop it; null where there is none
     */
    static List<String> command(String launcher, List<String> jvmArguments, Path dataDir, Path setsid) {
        List<String> command = new ArrayList<>();
        if (setsid != null) {
            command.add(setsid.toString());
        }
        command.add(launcher);
        String name = Path.of(launcher).getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe")) {
            for (String argument : jvmArguments) {
                if (!argument.startsWith("-XX:SharedArchiveFile") && !argument.equals("-XX:+AutoCreateSharedArchive")
                        && !argument.startsWith("-Xlog:cds") && !argument.startsWith("-agentlib:jdwp")
                        && !argument.startsWith("-Djava.class.path")) {
                    command.add(argument);
                }
            }
            command.add(MAIN_CLASS);
        }
        command.addAll(List.of("node", "--data-dir", dataDir.toAbsolutePath().toString(), "--until-idle"));
        return command;
    }

    /** Called by the runner once it has the database: says it works on {@code dataDir} until {@link #leave}. */
    public static void announce(Path dataDir) throws IOException {
        record(dataDir, ProcessHandle.current());
    }

    private static void record(Path dataDir, ProcessHandle self) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(self.pid()));
        p.setProperty("started", self.info().startInstant().map(Instant::toString).orElse(""));
        Path file = dataDir.resolve(FILE);
        // Staged under the writer's own name: the app that started the runner and the runner both write it.
        Path staged = dataDir.resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try (var out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
            p.store(out, "the PathLane background runner working on this folder");
        }
        try {
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Called by the runner when it stops. */
    public static void leave(Path dataDir) {
        try {
            Optional<Long> pid = recordedPid(dataDir);
            if (pid.isEmpty() || pid.get() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(dataDir.resolve(FILE));
            }
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", dataDir.resolve(FILE), e.toString());
        }
    }

    /** The runner working on {@code dataDir} now, if one is. */
    public static Optional<ProcessHandle> running(Path dataDir) {
        Optional<Properties> recorded = recorded(dataDir);
        Optional<Long> pid = recorded.flatMap(BackgroundRunner::pid);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        String started = recorded.get().getProperty("started", "");
        return ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive).filter(h -> started.isEmpty()
                || h.info().startInstant().map(Instant::toString).map(started::equals).orElse(true));
    }

    /**
     * Takes the folder back from its runner, if one works there: asks it to stop (its running jobs go back in the
     * queue) and waits until it has; a runner that does not stop within {@code patience} is killed, which loses
     * nothing either (the queue is durable; a kill only costs a segmentation the tiles since its last checkpoint).
     *
     * @param say told what is happening, for the splash screen
     * @return whether a runner was stopped
     */
    public static boolean takeOver(Path dataDir, Duration patience, Consumer<String> say) throws InterruptedException {
        Optional<ProcessHandle> found = running(dataDir);
        if (found.isEmpty()) {
            return false;
        }
        ProcessHandle runner = found.get();
        say.accept("Taking the jobs back from PathLane's background runner (process " + runner.pid() + ") …");
        LOG.info("Stopping the background runner {} on {} to open the folder here", runner.pid(), dataDir);
        runner.destroy();
        if (!exited(runner, patience)) {
            LOG.warn("The background runner {} did not stop within {} s; killing it", runner.pid(), patience.toSeconds());
            runner.destroyForcibly();
            exited(runner, Duration.ofSeconds(30));
        }
        leaveFor(dataDir, runner.pid());
        return true;
    }

    private static boolean exited(ProcessHandle process, Duration patience) throws InterruptedException {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    /** A runner that was killed leaves its file behind. */
    private static void leaveFor(Path dataDir, long pid) {
        try {
            if (recordedPid(dataDir).map(p -> p == pid).orElse(false)) {
                Files.deleteIfExists(dataDir.resolve(FILE));
            }
        } catch (IOException e) {
            LOG.info("Could not remove {}: {}", dataDir.resolve(FILE), e.toString());
        }
    }

    private static Optional<Long> recordedPid(Path dataDir) {
        return recorded(dataDir).flatMap(BackgroundRunner::pid);
    }

    /** What the runner wrote; empty when there is no such file or it cannot be read (then it is no runner's). */
    private static Optional<Properties> recorded(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("Ignoring the unreadable {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Long> pid(Properties recorded) {
        try {
            return Optional.of(Long.parseLong(recorded.getProperty("pid", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Path setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path nullDevice() {
        return Path.of(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win") ? "NUL" : "/dev/null");
    }
}
