package org.pathlane.app.quit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.app.session.EngineConditions;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

/** Closing the window with work in the engine asks first and says what becomes of that work. */
class QuitCheckTest {

    @TempDir
    Path dir;
    private final GateJob gate = new GateJob();
    private Scheduler scheduler;
    private QuitCheck check;

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, new Limits(1, 2), gate);
        scheduler.profiles().create(null, new UserProfile("ada", null, true, null, null));
        scheduler.profiles().create("ada", new UserProfile("bob", null, false, null, null));
        check = new QuitCheck(scheduler, dir);
    }

    @AfterEach
    void tearDown() {
        gate.open();
        scheduler.close();
    }

    @Test
    void nothingRunningQuitsWithoutAQuestion() {
        assertThat(check.question("ada")).isEmpty();
        assertThat(check.question(null)).isEmpty();
    }

    @Test
    void runningAndWaitingJobsAreCountedAndTheUserIsToldTheyResumeAtTheNextStart() throws Exception {
        String wf = scheduler.submit("bob", new WorkflowSpec("two", List.of(
                new JobSpec("j1", "A", GateJob.TYPE, Map.of(), List.of()),
                new JobSpec("j2", "A", GateJob.TYPE, Map.of(), List.of()))));
        EngineConditions.await(scheduler, "j1 runs", () -> scheduler.workflow("bob", wf).jobs().getFirst().status() == JobStatus.RUNNING);

        Confirmation asked = check.question("bob").orElseThrow();
        assertThat(asked.title()).isEqualTo("Quit while jobs are running?");
        assertThat(asked.text()).contains("1 job is running and 1 job is waiting (bob)")
                .contains("starts again the next time PathLane opens " + dir).contains("last finished tiles");
        assertThat(asked.action()).isEqualTo("Quit and stop them");
        assertThat(asked.alternative()).as("a workstation of its own offers the background runner")
                .isEqualTo(QuitCheck.KEEP_RUNNING);
        assertThat(asked.text()).contains("keep it running in the background");

        assertThat(check.question("ada").orElseThrow().text()).as("an admin sees every user's jobs").contains("(bob)");
        assertThat(check.question(null).orElseThrow().text()).as("on the start screen, who has work")
                .contains("bob has work running or queued");

        gate.open();
        EngineConditions.await(scheduler, "the workflow ends", () -> scheduler.workflow("bob", wf).status().isTerminal());
        assertThat(check.question("bob")).isEmpty();
    }
}
