package org.pathlane.app.quit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.jobs.WaitJobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * Quitting with "keep them running": a process of its own finishes the workstation's queue after the window has
 * closed, and the next start of PathLane takes the queue back from it without losing a job.
 */
class BackgroundRunnerTest {

    @TempDir
    Path dir;

    @Test
    void theRunnerIsStartedTheWayPathLaneWasWithoutClassDataSharingOrADebugger() {
        List<String> command = BackgroundRunner.command("/opt/jdk/bin/java", List.of("--enable-native-access=ALL-UNNAMED",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/home/u/.cache/pathlane/cds/1-app.jsa",
                "-Xlog:cds=off", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Xmx8g"),
                dir, Path.of("/usr/bin/setsid"));
        assertThat(command).containsExactly("/usr/bin/setsid", "/opt/jdk/bin/java", "--enable-native-access=ALL-UNNAMED",
                "-Xmx8g", "org.pathlane.app.Main", "node", "--data-dir", dir.toAbsolutePath().toString(), "--until-idle");

        assertThat(BackgroundRunner.command("/opt/pathlane/bin/PathLane", List.of("-Xmx8g"), dir, null))
                .as("an installed launcher knows its own options")
                .containsExactly("/opt/pathlane/bin/PathLane", "node", "--data-dir", dir.toAbsolutePath().toString(),
                        "--until-idle");
    }

    @Test
    void aFileLeftByARunnerThatDiedIsNotTakenForARunner() throws Exception {
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Files.writeString(dir.resolve(BackgroundRunner.FILE), "pid=" + gone.pid() + "\nstarted=2026-01-01T00:00:00Z\n");
        assertThat(BackgroundRunner.running(dir)).isEmpty();
        assertThat(BackgroundRunner.takeOver(dir, Duration.ofSeconds(1), say -> { })).isFalse();

        Files.writeString(dir.resolve(BackgroundRunner.FILE), "pid=" + ProcessHandle.current().pid()
                + "\nstarted=2001-01-01T00:00:00Z\n");
        assertThat(BackgroundRunner.running(dir)).as("a process id given to another program since").isEmpty();
        Files.writeString(dir.resolve(BackgroundRunner.FILE), "not a runner's file");
        assertThat(BackgroundRunner.running(dir)).isEmpty();
    }

    @Test
    void theRunnerFinishesTheQueueAfterTheWindowClosedAndStops() throws Exception {
        String workflow;
        try (Scheduler app = open()) {
            workflow = app.submit("ada", new WorkflowSpec("after hours", List.of(
                    new JobSpec("w1", "A", "sleep", Map.of("durationMs", 300), List.of()),
                    new JobSpec("w2", "A", "sleep", Map.of("durationMs", 300), List.of()))));
        }
        Process runner = BackgroundRunner.start(dir);
        assertThat(runner.waitFor(120, TimeUnit.SECONDS)).as("the runner stops once the queue is empty: " + log()).isTrue();
        assertThat(runner.exitValue()).as(log()).isZero();
        assertThat(log()).contains("nothing left to run");
        assertThat(dir.resolve(BackgroundRunner.FILE)).doesNotExist();
        try (Scheduler app = open()) {
            assertThat(app.workflow("ada", workflow).status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        }
    }

    @Test
    void openingPathLaneAgainTakesTheJobsBackFromTheRunnerWithoutLosingOne() throws Exception {
        String workflow;
        try (Scheduler app = open()) {
            workflow = app.submit("ada", new WorkflowSpec("long", List.of(
                    new JobSpec("w1", "A", "sleep", Map.of("durationMs", 600_000), List.of()))));
        }
        Process runner = BackgroundRunner.start(dir);
        try {
            // The runner says on its output when it has the database and runs the queue.
            while (!log().contains("pathlane node: running the queue")) {
                assertThat(runner.isAlive()).as("the runner started: " + log()).isTrue();
                runner.onExit().completeOnTimeout(runner, 50, TimeUnit.MILLISECONDS).get();
            }
            List<String> said = new ArrayList<>();
            assertThat(BackgroundRunner.takeOver(dir, Duration.ofSeconds(60), said::add)).isTrue();
            assertThat(runner.isAlive()).isFalse();
            assertThat(said).singleElement().asString().contains("Taking the jobs back");
            assertThat(log()).as("it stopped cleanly").contains("a job still running goes back in the queue");
            assertThat(dir.resolve(BackgroundRunner.FILE)).doesNotExist();
        } finally {
            runner.destroyForcibly();
        }
        try (Scheduler app = open()) {
            JobView job = app.workflow("ada", workflow).jobs().getFirst();
            assertThat(job.status()).as("the job is back in this engine's queue, not lost or failed")
                    .isIn(JobStatus.PENDING, JobStatus.RUNNING);
            app.cancelWorkflow("ada", workflow);
        }
    }

    @Test
    void pathLaneOpenedAgainWhileTheRunnerIsStillStartingFindsItAndTakesTheJobsBack() throws Exception {
        String workflow;
        try (Scheduler app = open()) {
            workflow = app.submit("ada", new WorkflowSpec("changed my mind", List.of(
                    new JobSpec("w1", "A", "sleep", Map.of("durationMs", 600_000), List.of()))));
        }
        // The user quits keeping the jobs running and opens PathLane again at once: the runner's JVM has not
        // opened the database yet, but is about to; the app must not open it beside the runner ("another
        // PathLane is using it") nor leave a runner working on the folder it opened.
        Process runner = BackgroundRunner.start(dir);
        try {
            assertThat(BackgroundRunner.takeOver(dir, Duration.ofSeconds(60), say -> { }))
                    .as("the runner just started is found: " + log()).isTrue();
            assertThat(runner.isAlive()).isFalse();
        } finally {
            runner.destroyForcibly();
        }
        try (Scheduler app = open()) {
            assertThat(app.workflow("ada", workflow).jobs().getFirst().status()).isIn(JobStatus.PENDING, JobStatus.RUNNING);
            app.cancelWorkflow("ada", workflow);
        }
    }

    private Scheduler open() {
        Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir).withHandler(new WaitJobHandler()));
        if (scheduler.profiles().list().isEmpty()) {
            scheduler.profiles().create(null, new UserProfile("ada", null, true, null, null));
        }
        return scheduler;
    }

    private String log() throws java.io.IOException {
        Path file = dir.resolve("logs").resolve(BackgroundRunner.LOG_FILE);
        return Files.exists(file) ? Files.readString(file) : "(no log)";
    }
}
