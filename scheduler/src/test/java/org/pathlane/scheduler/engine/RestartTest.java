package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule 13 from outside: a child JVM runs the engine on a file database and is killed with SIGKILL at random
 * points, then restarted on the same database until everything ran. Nothing reported SUCCEEDED runs again,
 * every interrupted job runs again with attempt + 1, and every workflow comes back and finishes.
 */
class RestartTest {

    private static final int KILLS = 3;

    @Test
    void killNineLosesNothingCommittedAndRerunsOnlyInterruptedJobs(@TempDir Path dataDir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int total = RestartChild.USERS.length * 2 * RestartChild.JOBS_PER_WORKFLOW;
        Set<String> succeeded = new HashSet<>();
        Map<String, Integer> lastAttempt = new HashMap<>();
        List<String> history = new ArrayList<>();
        String done = null;
        for (int run = 0; done == null; run++) {
            boolean kill = run < KILLS;
            int killAfter = succeeded.size() + 1 + random.nextInt(Math.max(1, (total - succeeded.size()) / 3));
            Set<String> runningNow = new HashSet<>();
            Process child = start(dataDir);
            BlockingQueue<String> lines = linesOf(child);
            boolean submitted = false;
            while (true) {
                String line = lines.poll(2, TimeUnit.MINUTES);
                assertThat(line).as("child output (seed %d, run %d) stopped; history:%n%s", seed, run,
                        String.join("\n", history)).isNotNull();
                if (line.equals("EOF")) {
                    break;
                }
                history.add("run " + run + ": " + line);
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "SUBMITTED" -> submitted = true;
                    case "RUN" -> {
                        String job = f[1] + "/" + f[2];
                        int attempt = Integer.parseInt(f[3]);
                        assertThat(succeeded).as("seed %d: job %s reported SUCCEEDED earlier ran again", seed, job)
                                .doesNotContain(job);
                        // A kill between the commit of JOB_STARTED and the handler's first line skips a number.
                        int floor = lastAttempt.getOrDefault(job, 0) + 1;
                        assertThat(attempt).as("seed %d: attempt of %s in run %d", seed, job, run).isBetween(floor, run + 1);
                        lastAttempt.put(job, attempt);
                        runningNow.add(job);
                    }
                    case "SUCCEEDED" -> {
                        String job = f[1] + "/" + f[2];
                        assertThat(succeeded.add(job)).as("seed %d: %s succeeded twice", seed, job).isTrue();
                        runningNow.remove(job);
                    }
                    case "DONE" -> done = line;
                    default -> {
                    }
                }
                if (kill && submitted && succeeded.size() >= killAfter) {
                    child.destroyForcibly().waitFor();
                    break;
                }
            }
            child.waitFor(1, TimeUnit.MINUTES);
        }
        // A kill between a commit and its announcement loses the announcement, never the state: the database
        // has every workflow, each SUCCEEDED with all its jobs.
        int workflows = RestartChild.USERS.length * 2;
        assertThat(done).as("seed %d", seed).isEqualTo("DONE " + workflows + " " + workflows + " " + total);
        assertThat(lastAttempt.values()).as("seed %d: some job was interrupted and ran again", seed).anyMatch(a -> a > 1);
    }

    private static Process start(Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), RestartChild.class.getName(), dataDir.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static BlockingQueue<String> linesOf(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("ERROR " + e.getMessage());
            }
            lines.add("EOF");
        });
        return lines;
    }
}
