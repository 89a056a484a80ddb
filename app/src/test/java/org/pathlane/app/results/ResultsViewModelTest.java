package org.pathlane.app.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.session.AppSettings;
import org.pathlane.app.session.EngineConditions;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

class ResultsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aSegmentationResultGivesItsCountSlideSummaryAndFiles() throws Exception {
        Files.writeString(dir.resolve("summary.json"), """
                {"slide": "/s/a.svs", "cells": 3416, "device": "cpu", "seconds": {"total": 21.3}}
                """);
        Files.writeString(dir.resolve("cells.csv"), "id,x,y\n" + "1,2,3\n".repeat(100));
        Files.writeString(dir.resolve("cells.geojson"), "{}");
        JobResult r = ResultsViewModel.read(dir);
        assertThat(r.cells()).isEqualTo(3416);
        assertThat(r.slide()).isEqualTo("/s/a.svs");
        assertThat(r.summary()).containsEntry("device", "cpu").containsEntry("seconds.total", "21.3");
        assertThat(r.files()).first().isEqualTo(dir.resolve("cells.csv"));
        assertThat(r.files()).contains(r.geojson());
        assertThat(r.problem()).isEmpty();
    }

    @Test
    void aDamagedSummaryOrAMissingFolderIsSaidNotThrown() throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{ not json");
        JobResult damaged = ResultsViewModel.read(dir);
        assertThat(damaged.problem()).contains("summary.json is damaged");
        assertThat(damaged.cells()).isEqualTo(-1);
        assertThat(ResultsViewModel.read(dir.resolve("nope")).problem()).contains("is gone");
    }

    @Test
    void damagedSettingsAreSetAsideAndTheDefaultsUsed() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"device\": \"tpu\"}");
        AppSettings settings = AppSettings.load(file);
        assertThat(settings.device()).isEqualTo("auto");
        assertThat(settings.loadProblem()).contains("settings.json").contains("defaults");
        assertThat(dir.resolve("settings.json.damaged")).exists();
        settings.setTile(1024);
        settings.setDark(true);
        settings.save();
        AppSettings again = AppSettings.load(file);
        assertThat(again.tile()).isEqualTo(1024);
        assertThat(again.dark()).isTrue();
        assertThat(again.segmentDefaults()).containsEntry("tile", 1024L).containsEntry("device", "auto");
    }

    @Test
    void exportsAreOfferedUnderTheSlideAndJobNotAsBareCellsCsv() {
        JobRow job = new JobRow("w", "j1", "A", "segment", "Segment nuclei", JobStatus.SUCCEEDED, 1, "", "", "ada",
                dir, "/slides/case 7.svs", null);
        ResultEntry entry = new ResultEntry(job, "Morning", "t", "s");
        assertThat(ResultsViewModel.exportName(entry, dir.resolve("cells.csv"))).isEqualTo("case 7-j1-cells.csv");
        JobRow noSlide = new JobRow("w", "j:2", "A", "segment", "Segment nuclei", JobStatus.SUCCEEDED, 1, "", "", "ada",
                dir, null, null);
        assertThat(ResultsViewModel.exportName(new ResultEntry(noSlide, "M", "t", "s"), dir.resolve("cells.geojson")))
                .isEqualTo("j_2-cells.geojson");
    }

    /** Writes a summary naming its slide, as a segmentation does. */
    private static final JobHandler WRITER = new JobHandler() {
        @Override
        public String type() {
            return "writer";
        }

        @Override
        public void run(JobContext job) throws Exception {
            Files.createDirectories(job.resultDir());
            Files.writeString(job.resultDir().resolve("summary.json"), "{\"cells\": 7}");
        }
    };

    @Test
    void twoRunsOfOneTemplateAreToldApartAndTheSelectionFollowsTheList() throws Exception {
        GateJob gate = new GateJob();
        try (Scheduler scheduler = TestEngines.scheduler(dir, new Limits(2, 2), WRITER, gate)) {
            scheduler.profiles().create(null, new UserProfile("ada", "#4477AA", false, null, null));
            DashboardViewModel dashboard = new DashboardViewModel(scheduler, "ada", t -> "Segment nuclei", TestEngines.direct());
            ResultsViewModel results = new ResultsViewModel(dashboard, TestEngines.direct());
            scheduler.submit("ada", spec("Morning batch", "writer", "/slides/case-7.svs"));
            await(scheduler, dashboard, () -> results.finishedJobs().size() == 1);
            scheduler.submit("ada", spec("Afternoon batch", "writer", "/slides/case-9.svs"));
            await(scheduler, dashboard, () -> results.finishedJobs().size() == 2);

            List<ResultEntry> entries = List.copyOf(results.finishedJobs());
            assertThat(entries).extracting(ResultEntry::title)
                    .containsExactlyInAnyOrder("Segment nuclei · case-7.svs", "Segment nuclei · case-9.svs");
            ResultEntry morning = entries.stream().filter(e -> e.title().contains("case-7")).findFirst().orElseThrow();
            assertThat(morning.subtitle()).contains("Morning batch").contains("Branch A").contains("j1")
                    .containsPattern("\\d{1,2} \\p{L}+\\.? \\d{4} \\d{2}:\\d{2}");

            results.select(morning);
            await(scheduler, dashboard, () -> results.resultProperty().get() != null);
            assertThat(results.resultProperty().get().cells()).isEqualTo(7);
            String held = scheduler.submit("ada", spec("Still running", GateJob.TYPE, "/slides/case-9.svs"));
            await(scheduler, dashboard, () -> dashboard.workflows().size() == 3
                    && dashboard.workflows().getFirst().jobs().getFirst().status() == JobStatus.RUNNING);
            assertThat(results.selectedProperty().get()).as("a refresh keeps the choice").isEqualTo(morning);

            JobRow running = dashboard.workflows().stream().filter(w -> w.id().equals(held)).findFirst().orElseThrow().jobs().getFirst();
            results.select(running);
            assertThat(results.selectedProperty().get()).as("nothing stale is left selected").isNull();
            assertThat(results.resultProperty().get()).isNull();
            assertThat(results.messageProperty().get()).contains("no results yet");
            gate.open();
            dashboard.close();
        }
    }

    private static WorkflowSpec spec(String name, String type, String slide) {
        return new WorkflowSpec(name, List.of(new JobSpec("j1", "Branch A", type, Map.of("slide", slide), List.of())));
    }

    private static void await(Scheduler scheduler, DashboardViewModel dashboard, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        EngineConditions.await(scheduler, "results update", condition, dashboard.workflows());
    }

    @Test
    void openFolderWithoutAFileManagerTellsTheUserWhereTheFolderIs() throws Exception {
        Scheduler scheduler = TestEngines.scheduler(dir.resolve("db"), Limits.DEFAULT);
        scheduler.profiles().create(null, new UserProfile("ada", null, true, null, null));
        try (DashboardViewModel dashboard = new DashboardViewModel(scheduler, "ada", t -> t, TestEngines.direct())) {
            Path folder = Files.createDirectories(dir.resolve("results/j1"));
            ResultsViewModel vm = new ResultsViewModel(dashboard, TestEngines.direct(),
                    org.pathlane.app.session.FolderOpener.command(List.of(dir.resolve("no-such-opener").toString()), true));
            vm.openFolder(folder);
            assertThat(vm.messageProperty().get()).contains("Could not open the folder").contains("is not installed")
                    .contains(folder.toString());

            ResultsViewModel refusing = new ResultsViewModel(dashboard, TestEngines.direct(),
                    org.pathlane.app.session.FolderOpener.command(List.of("false"), true));
            refusing.openFolder(folder);
            assertThat(refusing.messageProperty().get()).contains("found no file manager").contains("exit code 1");
        } finally {
            scheduler.close();
        }
    }
}
