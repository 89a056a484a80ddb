package org.pathlane.scheduler.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.persistence.Database;

/**
 * Rule 13 attacked from outside ({@code pathlane bench durability} and the test suite): a {@link DurabilityChild}
 * JVM runs the engine on a file database that already holds finished history and is killed with SIGKILL at a
 * random moment 0.8-4 s after its engine opened; then the database is opened again and compared with the
 * child's journal of promises. A workflow whose {@code submit} returned must be there; a job whose success was
 * announced must still be SUCCEEDED (PENDING or RUNNING would make it run again). Repeated {@code kills} times on
 * the same folder, each run adding its own work on top of what the killed ones left.
 */
public final class DurabilitySoak {

    /** What the soak saw. */
    public record Result(int kills, long ackedWorkflows, long announcedJobs, long ackedLost, long announcedRerun,
            long historyJobs, long fileBytes, List<String> examples) {
    }

    private DurabilitySoak() {
    }

    /**
     * Runs the soak in {@code dataDir}. {@code historyJobs} finished jobs are put in first (0 for a fresh
     * database). {@code progress} gets one line per kill.
     */
    public static Result run(Path dataDir, int kills, int historyJobs, long seed, Consumer<String> progress)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        long history = historyJobs > 0 ? fillHistory(dataDir, historyJobs).jobs() : 0;
        Random random = new Random(seed);
        Path journal = dataDir.resolve("soak-journal.txt");
        Set<String> acked = new HashSet<>();
        Set<String> announced = new HashSet<>();
        long lost = 0;
        long rerun = 0;
        List<String> examples = new ArrayList<>();
        for (int kill = 1; kill <= kills; kill++) {
            Files.deleteIfExists(journal);
            long delayMs = 800 + random.nextInt(3201);
            runAndKill(dataDir, journal, random.nextLong(), delayMs);
            List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
            Set<String> runAcked = new HashSet<>();
            Set<String> runAnnounced = new HashSet<>();
            for (String line : lines) {
                if (line.startsWith("S ")) {
                    runAcked.add(line.substring(2));
                } else if (line.startsWith("E ")) {
                    runAnnounced.add(line.substring(2));
                }
            }
            acked.addAll(runAcked);
            announced.addAll(runAnnounced);
            Check check = check(dataDir, acked, announced);
            lost += check.lost.size();
            rerun += check.rerun.size();
            int at = kill;
            check.lost.stream().limit(3).forEach(w -> examples.add("kill " + at + ": workflow " + w + " acked, missing"));
            check.rerun.stream().limit(3).forEach(j -> examples.add("kill " + at + ": job " + j
                    + " announced SUCCEEDED, now " + check.statusOf(j)));
            // Lost promises are counted once; forget them so later kills count only their own.
            acked.removeAll(check.lost);
            announced.removeAll(check.rerun);
            progress.accept(String.format(java.util.Locale.ROOT,
                    "kill %d after %d ms: %d workflows acked, %d job ends announced in this run; acked lost %d, announced re-run %d",
                    kill, delayMs, runAcked.size(), runAnnounced.size(), check.lost.size(), check.rerun.size()));
        }
        Files.deleteIfExists(journal);
        Files.deleteIfExists(dataDir.resolve("soak-child.log"));
        long bytes = Files.size(dataDir.resolve(Database.FILE_STEM + ".mv.db"));
        return new Result(kills, acked.size() + lost, announced.size() + rerun, lost, rerun, history, bytes, examples);
    }

    private static void runAndKill(Path dataDir, Path journal, long seed, long delayMs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                DurabilityChild.class.getName(), dataDir.toString(), journal.toString(), Long.toString(seed));
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Path log = dataDir.resolve("soak-child.log");
        builder.redirectError(log.toFile());
        Process child = builder.start();
        CountDownLatch open = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("OPEN")) {
                        open.countDown();
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            open.countDown();
        });
        if (!open.await(2, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("the soak's engine did not open within 2 minutes" + lastLines(log));
        }
        if (!child.isAlive()) {
            throw new IllegalStateException("the soak's engine process ended by itself (exit " + child.exitValue()
                    + ") before it was killed" + lastLines(log));
        }
        child.waitFor(delayMs, TimeUnit.MILLISECONDS);
        child.destroyForcibly();
        child.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : "; its log ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private record Check(List<String> lost, List<String> rerun, Map<String, String> status) {
        String statusOf(String job) {
            return status.getOrDefault(job, "missing");
        }
    }

    /** Opens the database without the engine (nothing runs, nothing is requeued) and compares. */
    private static Check check(Path dataDir, Set<String> acked, Set<String> announced) {
        Set<String> workflows = new HashSet<>();
        Map<String, String> status = new HashMap<>();
        try (Database database = Database.openFile(dataDir)) {
            database.inTransaction(session -> {
                session.doWork(c -> read(c, workflows, status));
                return null;
            });
        }
        List<String> lost = acked.stream().filter(w -> !workflows.contains(w)).sorted().toList();
        List<String> rerun = announced.stream().filter(j -> !"SUCCEEDED".equals(status.get(j))).sorted().toList();
        return new Check(lost, rerun, status);
    }

    private static void read(Connection c, Set<String> workflows, Map<String, String> status) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("select id from pl_workflow"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                workflows.add(r.getString(1));
            }
        }
        try (PreparedStatement s = c.prepareStatement("select workflow_id, job_key, status from pl_job");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                status.put(r.getString(1) + " " + r.getString(2), r.getString(3));
            }
        }
    }

    /** What {@link #fillHistory} put in: finished jobs, and the file's size just before the engine closed. */
    record History(long jobs, long bytesBeforeClose) {
    }

    /** Puts about {@code jobs} finished zero-duration jobs into the database, as months of use would. */
    static History fillHistory(Path dataDir, int jobs) throws InterruptedException, IOException {
        int perWorkflow = DurabilityChild.BRANCHES * DurabilityChild.JOBS_PER_BRANCH;
        int workflows = Math.max(1, jobs / perWorkflow);
        CountDownLatch finished = new CountDownLatch(workflows);
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dataDir))) {
            if (scheduler.profiles().find(DurabilityChild.ADMIN).isEmpty()) {
                scheduler.profiles().create(null, new UserProfile(DurabilityChild.ADMIN, null, true, null, null));
            }
            scheduler.addListener(DurabilityChild.ADMIN, new SchedulerListener() {
                @Override
                public void onEvent(SchedulerEvent e) {
                    if (e.type() == EventType.WORKFLOW_FINISHED) {
                        finished.countDown();
                    }
                }
            });
            for (int u = 0; u < DurabilityChild.USERS; u++) {
                if (scheduler.profiles().find(DurabilityChild.user(u)).isEmpty()) {
                    scheduler.profiles().create(DurabilityChild.ADMIN,
                            new UserProfile(DurabilityChild.user(u), null, false, null, null));
                }
            }
            for (int w = 0; w < workflows; w++) {
                List<JobSpec> specs = new ArrayList<>();
                for (int b = 0; b < DurabilityChild.BRANCHES; b++) {
                    for (int j = 0; j < DurabilityChild.JOBS_PER_BRANCH; j++) {
                        specs.add(new JobSpec("b" + b + "j" + j, "lane" + b, SleepJob.TYPE, Map.of("durationMs", 0), List.of()));
                    }
                }
                scheduler.submit(DurabilityChild.user(w % DurabilityChild.USERS), new WorkflowSpec("history " + w, specs));
            }
            if (!finished.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the history did not finish within 10 minutes");
            }
            return new History((long) workflows * perWorkflow, Files.size(dataDir.resolve(Database.FILE_STEM + ".mv.db")));
        }
    }
}
