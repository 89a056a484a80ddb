package org.pathlane.scheduler.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.persistence.Database;

/**
 * {@code pathlane bench database}: how big the H2 file gets with finished history and how long PathLane takes
 * to open it. The history is put in through the engine as the app does (workflows of 10 lanes of 20 jobs of 20
 * users); the open is timed in a new JVM, as a technician starting PathLane would see it.
 */
public final class DatabaseBenchmark {

    /** The figures of one run. */
    public record Result(long jobs, long fillMillis, long bytesWhileRunning, long bytesOnDisk, Open first, Open second) {

        public double bytesPerJob() {
            return (double) bytesOnDisk / jobs;
        }
    }

    /**
     * One timed open: wall-clock milliseconds of {@link Scheduler#start}, and the CPU time it used on all threads
     * (less sensitive than wall time to other processes on the machine).
     */
    public record Open(long wallMillis, long cpuMillis) {
    }

    private DatabaseBenchmark() {
    }

    public static Result run(Path dataDir, int jobs) throws IOException, InterruptedException {
        long start = System.nanoTime();
        DurabilitySoak.History history = DurabilitySoak.fillHistory(dataDir, jobs);
        long fillMillis = (System.nanoTime() - start) / 1_000_000;
        long onDisk = Files.size(dataDir.resolve(Database.FILE_STEM + ".mv.db"));
        // As ./pathlane starts the app: with a class-data-sharing archive, written by the first start, used by
        // the second (only possible when the class path is all jars, as in the built app).
        Path archive = cdsPossible() ? Files.createTempDirectory("pathlane-cds").resolve("open.jsa") : null;
        Open first = openInNewJvm(dataDir, archive);
        Open second = openInNewJvm(dataDir, archive);
        if (archive != null) {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archive.getParent());
        }
        return new Result(history.jobs(), fillMillis, history.bytesBeforeClose(), onDisk, first, second);
    }

    /** Starts a JVM that opens the engine on {@code dataDir} and reports how long {@link Scheduler#start} took. */
    /** Whether this result used a class-data-sharing archive for the second open. */
    public static boolean cdsPossible() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .allMatch(entry -> entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry)));
    }

    private static Open openInNewJvm(Path dataDir, Path archive) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx1g"));
        if (archive != null) {
            command.addAll(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of(OpenTimer.class.getName(), dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        String answer = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("OPENED ")) {
                    answer = line.substring("OPENED ".length()).strip();
                }
            }
        }
        if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0 || answer == null) {
            child.destroyForcibly();
            throw new IllegalStateException("the timed open of " + dataDir + " failed");
        }
        String[] parts = answer.split(" ");
        return new Open(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    /** The child JVM of {@link #openInNewJvm}: prints {@code OPENED <wall ms> <cpu ms>}. */
    public static final class OpenTimer {
        private OpenTimer() {
        }

        public static void main(String[] args) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(Path.of(args[0])))) {
                System.out.println("OPENED " + (System.nanoTime() - start) / 1_000_000 + " "
                        + (os.getProcessCpuTime() - cpuStart) / 1_000_000);
            }
        }
    }
}
