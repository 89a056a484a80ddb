package org.pathlane.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.session.EngineConditions;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;

/** A workflow run over many slides: one workflow per slide, one batch row on the dashboard, cancelled as one. */
class BatchTest {

    private static final List<String> SLIDES = List.of("/slides/case-1.svs", "/slides/case-2.svs", "/slides/case-3.svs");

    @TempDir
    Path dir;
    private final GateJob gate = new GateJob();
    /** A "segment" job that holds at the gate, so the batch can be watched while it runs. */
    private final JobHandler segment = new JobHandler() {
        @Override
        public String type() {
            return "segment";
        }

        @Override
        public void run(JobContext context) throws Exception {
            if (String.valueOf(context.params().get("slide")).contains("/quick/")) {
                return;
            }
            context.progress().report(1, 2, "half way");
            gate.hold();
        }
    };
    private Scheduler scheduler;
    private EditorViewModel editor;
    private DashboardViewModel dashboard;

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, new Limits(1, 2), segment);
        scheduler.profiles().create(null, new UserProfile("ada", null, true, null, null));
        editor = new EditorViewModel(JobCatalog.forRegistered(Set.of("segment", "sleep")), p -> p.startsWith("/slides/"),
                spec -> scheduler.submit("ada", spec), TestEngines.direct());
        dashboard = new DashboardViewModel(scheduler, "ada", t -> t, TestEngines.direct());
        String lane = editor.addLane();
        editor.setName("Nuclei");
        editor.dropNewJob("segment", lane, 0);
    }

    @AfterEach
    void tearDown() {
        gate.open();
        dashboard.close();
        scheduler.close();
    }

    @Test
    void aBatchMakesOneWorkflowPerSlideNamedAfterItAndShowsAsOneRow() throws Exception {
        String id = editor.submitBatch(SLIDES).orElseThrow();
        assertThat(editor.messageProperty().get()).contains("Submitted batch “Nuclei” over 3 slides");

        List<WorkflowView> all = scheduler.workflows("ada");
        assertThat(all).extracting(WorkflowView::name).containsExactlyInAnyOrder(
                "Nuclei · case-1.svs · batch " + id + " 1/3", "Nuclei · case-2.svs · batch " + id + " 2/3",
                "Nuclei · case-3.svs · batch " + id + " 3/3");
        assertThat(all).extracting(w -> w.jobs().getFirst().params().get("slide")).containsExactlyInAnyOrderElementsOf(SLIDES);
        assertThat(all).extracting(w -> w.jobs().getFirst().branch()).as("one branch per slide: no slide queues behind another's lane")
                .containsExactlyInAnyOrder("Branch A · case-1.svs", "Branch A · case-2.svs", "Branch A · case-3.svs");

        awaitAllListedOneRunning();
        BatchRow batch = dashboard.batches().getFirst();
        assertThat(batch.name()).isEqualTo("Nuclei");
        assertThat(batch.slides()).isEqualTo(3);
        assertThat(batch.summary()).startsWith("0 of 3 slides done · 1 running · 2 waiting");
        assertThat(batch.cancellable()).isTrue();
    }

    @Test
    void cancellingTheBatchStopsTheRunningSlideAndTheOthersNeverStart() throws Exception {
        editor.submitBatch(SLIDES).orElseThrow();
        awaitAllListedOneRunning();
        BatchRow batch = dashboard.batches().getFirst();
        assertThat(dashboard.confirmCancelBatch(batch).text())
                .contains("the slide being processed stops now").contains("2 slides that have not started will not run");

        dashboard.cancelBatch(batch);

        EngineConditions.await(scheduler, "every slide ended", () -> scheduler.workflows("ada").stream()
                .allMatch(w -> w.status().isTerminal()), dashboard.batches());
        List<JobView> jobs = scheduler.workflows("ada").stream().map(w -> w.jobs().getFirst()).toList();
        assertThat(jobs).extracting(JobView::status).containsOnly(JobStatus.CANCELLED);
        assertThat(jobs.stream().filter(j -> j.startedAt() == null)).as("never started").hasSize(2);
        EngineConditions.await(scheduler, "the row shows it", () -> !dashboard.batches().getFirst().cancellable(), dashboard.batches());
        assertThat(dashboard.batches().getFirst().summary()).startsWith("3 of 3 slides done · 3 cancelled");
    }

    @Test
    void aBatchOfMoreSlidesThanAPageCountsAndCancelsEverySlide() throws Exception {
        // 120 slides, one worker: the first 60 are done at once, the 61st holds, 59 wait. The dashboard lists the
        // newest 50 workflows (slides 71 to 120): the card must still count all 120.
        List<String> slides = new java.util.ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            slides.add((i <= 60 ? "/slides/quick/case-" : "/slides/case-") + i + ".svs");
        }
        String id = editor.submitBatch(slides).orElseThrow();
        EngineConditions.await(scheduler, "60 done, one running", () -> !dashboard.batches().isEmpty()
                && dashboard.batches().getFirst().summary().startsWith("60 of 120 slides done · 1 running · 59 waiting"),
                dashboard.batches());
        assertThat(dashboard.workflows()).hasSize(DashboardViewModel.PAGE);
        BatchRow batch = dashboard.batches().getFirst();
        assertThat(batch.id()).isEqualTo(id);
        assertThat(batch.summary()).isEqualTo("60 of 120 slides done · 1 running · 59 waiting (50 %)");
        assertThat(dashboard.confirmCancelBatch(batch).text())
                .contains("the slide being processed stops now").contains("59 slides that have not started will not run")
                .contains("The 60 slides done keep their results.");

        dashboard.cancelBatch(batch);

        EngineConditions.await(scheduler, "every slide ended", () -> scheduler.workflows("ada").stream()
                .allMatch(w -> w.status().isTerminal()), dashboard.batches());
        assertThat(scheduler.workflows("ada").stream().filter(w -> w.status() == WorkflowStatus.CANCELLED))
                .as("the running slide and every unstarted one, listed or not").hasSize(60);
        assertThat(dashboard.messageProperty().get()).isEqualTo("Cancelled 60 of the batch’s 120 slides.");
        EngineConditions.await(scheduler, "the card shows it", () -> !dashboard.batches().getFirst().cancellable(),
                dashboard.batches());
        assertThat(dashboard.batches().getFirst().summary()).isEqualTo("120 of 120 slides done · 60 cancelled (100 %)");
    }

    private void awaitAllListedOneRunning() throws InterruptedException {
        EngineConditions.await(scheduler, "three slides listed, one running", () -> !dashboard.batches().isEmpty()
                && dashboard.workflows().size() == 3 && dashboard.batches().getFirst().running() == 1, dashboard.batches());
    }

    @Test
    void aBatchWithAnUnreadableSlideSubmitsNothingAndSaysWhich() {
        assertThat(editor.submitBatch(List.of("/slides/case-1.svs", "/elsewhere/gone.svs"))).isEmpty();
        assertThat(editor.messageProperty().get()).contains("Batch not submitted").contains("gone.svs");
        assertThat(scheduler.workflows("ada")).isEmpty();
    }

    @Test
    void aWorkflowThatReadsNoSlideIsNoBatch() {
        editor.newWorkflow();
        editor.dropNewJob("sleep", editor.draft().lanes().getFirst().id(), 0);
        assertThat(editor.submitBatch(SLIDES)).isEmpty();
        assertThat(editor.messageProperty().get()).contains("No job of this workflow reads a slide");
    }

    @Test
    void theTagSurvivesInTheNameAndOrdinaryNamesHaveNone() {
        BatchTag tag = new BatchTag("3f9c2a", 3, 12);
        assertThat(BatchTag.of(tag.name("Nuclei · HE", "case-7.svs"))).contains(tag);
        assertThat(BatchTag.templateName(tag.name("Nuclei · HE", "case-7.svs"))).isEqualTo("Nuclei · HE");
        assertThat(BatchTag.of("Nuclei")).isEmpty();
        assertThat(BatchTag.of("my batch 3/12")).isEmpty();
        BatchTag now = new BatchTag(BatchTag.newId(), 1, 2);
        assertThat(now.id()).as("40 random bits: a user's batches do not share an id").matches("[0-9a-f]{10}");
        assertThat(BatchTag.of(now.name("Nuclei", "case-7.svs"))).as("today's ids and 0.3's six digits alike").contains(now);
    }
}
