package org.pathlane.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

/**
 * Two desktops on one lab database (an in-memory one standing in for the lab's PostgreSQL): each sees the
 * lab's queue and which node runs each job, whichever of them decides; closing one puts its running job back
 * for the other and stops nothing that runs there.
 */
class LabDesktopsTest {

    @TempDir
    Path dir;

    private AppContext desktop(String url, String name, int workers, GateJob gate) throws Exception {
        SchedulerConfig config = SchedulerConfig.lab(new LabDatabase(url, "sa", "", name, Duration.ofSeconds(3), false),
                dir.resolve("share")).withLimits(new Limits(workers, 3));
        return AppContext.open(dir.resolve(name), config, List.of(gate), Runnable::run);
    }

    /**
     * The dashboards refresh on their own engine's threads too: their property updates and the test's reads
     * take this lock, so a read never sees a list half replaced.
     */
    private static final Object UI = new Object();
    private static final org.pathlane.app.concurrent.UiExecutors SERIAL = new org.pathlane.app.concurrent.UiExecutors(
            Runnable::run, r -> {
                synchronized (UI) {
                    r.run();
                }
            });

    private static List<JobRow> jobs(DashboardViewModel vm) {
        synchronized (UI) {
            return vm.workflows().stream().flatMap(w -> w.jobs().stream()).toList();
        }
    }

    private static String queue(DashboardViewModel vm) {
        synchronized (UI) {
            return vm.queueTextProperty().get();
        }
    }

    private static Optional<JobRow> job(DashboardViewModel vm, String id) {
        return jobs(vm).stream().filter(j -> j.jobId().equals(id)).findFirst();
    }

    @Test
    void eachDesktopSeesTheLabsQueueAndWhereJobsRunAndClosingOneStopsNothingElsewhere() throws Exception {
        String url = "jdbc:h2:mem:lab-desktops-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        GateJob gate = new GateJob();
        try (AppContext deskA = desktop(url, "desk-a", 2, gate)) {
            AppContext deskB = desktop(url, "desk-b", 1, gate);
            deskA.scheduler().profiles().create(null, new UserProfile("ada", "#4477AA", true, null, null));
            try (DashboardViewModel onA = new DashboardViewModel(deskA.scheduler(), "ada", t -> t, SERIAL)) {
                DashboardViewModel onB = new DashboardViewModel(deskB.scheduler(), "ada", t -> t, SERIAL);
                // Submitted at desk-b, which does not decide: it reaches desk-a through the database.
                deskB.scheduler().submit("ada", new WorkflowSpec("three lanes", List.of(
                        new JobSpec("j1", "A", GateJob.TYPE, Map.of(), List.of()),
                        new JobSpec("j2", "B", GateJob.TYPE, Map.of(), List.of()),
                        new JobSpec("j3", "C", GateJob.TYPE, Map.of(), List.of()))));
                EngineConditions.await(deskA.scheduler(), "three jobs run on the two desktops", () -> {
                    onB.refresh();
                    return jobs(onB).size() == 3 && jobs(onB).stream().allMatch(j -> j.status() == JobStatus.RUNNING);
                });
                assertThat(jobs(onB)).extracting(j -> j.detail().substring(0, 9))
                        .containsExactlyInAnyOrder("on desk-a", "on desk-a", "on desk-b");
                assertThat(queue(onB)).as("the lab's queue, read at a desktop that does not decide")
                        .contains("1 of 3 in use (ada)")
                        .contains("Lab nodes: desk-a (2 workers), desk-b (1 worker)");
                // Quitting desk-b stops only its own job, handed back to the lab; desk-a asks about its two.
                assertThat(new org.pathlane.app.quit.QuitCheck(deskB.scheduler(), dir).question("ada"))
                        .hasValueSatisfying(q -> assertThat(q.text()).startsWith("1 job runs on this desktop (ada)")
                                .contains("another node starts it again").contains("other nodes carry on"));
                assertThat(new org.pathlane.app.quit.QuitCheck(deskA.scheduler(), dir).question(null))
                        .hasValueSatisfying(q -> assertThat(q.text()).startsWith("2 jobs run on this desktop"));
                String onDeskB = jobs(onB).stream().filter(j -> j.detail().startsWith("on desk-b")).findFirst()
                        .orElseThrow().jobId();
                onB.close();
                deskB.close();

                // desk-b closed: its job goes back to the queue; desk-a's two keep running.
                EngineConditions.await(deskA.scheduler(), "desk-b's job is back in the queue", () -> {
                    onA.refresh();
                    return job(onA, onDeskB).filter(j -> j.status() == JobStatus.PENDING).isPresent();
                });
                assertThat(jobs(onA)).filteredOn(j -> !j.jobId().equals(onDeskB))
                        .allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.RUNNING));
                gate.open();
                EngineConditions.await(deskA.scheduler(), "every job ended on desk-a", () -> {
                    onA.refresh();
                    return jobs(onA).size() == 3 && jobs(onA).stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED);
                });
                assertThat(new org.pathlane.app.quit.QuitCheck(deskA.scheduler(), dir).question("ada"))
                        .as("nothing runs here any more").isEmpty();
                assertThat(deskA.scheduler().workflows("ada").getFirst().jobs()).filteredOn(j -> j.jobId().equals(onDeskB))
                        .singleElement().satisfies(j -> {
                            assertThat(j.attempt()).as("run again after desk-b closed").isEqualTo(2);
                            assertThat(j.node()).isEqualTo("desk-a");
                        });
            }
        }
    }
}
