package org.pathlane.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.editor.model.Dependency;
import org.pathlane.app.editor.model.Lane;
import org.pathlane.app.editor.model.Problem;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;

class EditorViewModelTest {

    private final List<WorkflowSpec> submitted = new ArrayList<>();
    private final Set<String> readableSlides = new java.util.HashSet<>(Set.of("/slides/a.svs"));
    private EditorViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new EditorViewModel(JobCatalog.forRegistered(Set.of("sleep", "segment", "export", "custom")),
                readableSlides::contains, spec -> {
                    submitted.add(spec);
                    return "wf-" + submitted.size();
                }, UiExecutors.direct());
    }

    @Test
    void paletteOffersRegisteredTypesOnlyWithKnownOnesDescribed() {
        assertThat(vm.palette()).extracting(t -> t.name()).containsExactly("segment", "export", "sleep", "custom");
        assertThat(vm.catalog().label("segment")).isEqualTo("Segment nuclei");
        assertThat(vm.catalog().find("tissue")).isEmpty();
    }

    @Test
    void lanesCanBeAddedRenamedReorderedAndDeleted() {
        String a = vm.addLane();
        String b = vm.addLane();
        assertThat(names()).containsExactly("Branch A", "Branch B");
        vm.renameLane(b, "staining");
        vm.moveLane(b, 0);
        assertThat(names()).containsExactly("staining", "Branch A");
        vm.renameLane(a, "  ");
        assertThat(names()).containsExactly("staining", "Branch A");
        assertThat(vm.messageProperty().get()).contains("needs a name");
        String j1 = vm.dropNewJob("sleep", a, 0);
        String j2 = vm.dropNewJob("sleep", b, 0);
        vm.connect(j1, j2);
        vm.deleteLane(a);
        assertThat(names()).containsExactly("staining");
        assertThat(vm.draft().job(j1)).isEmpty();
        assertThat(vm.draft().dependencies()).isEmpty();
    }

    @Test
    void jobsMoveAlongAndBetweenLanesAndTheSpecFollowsLaneOrder() {
        String a = vm.addLane();
        String b = vm.addLane();
        String j1 = vm.dropNewJob("sleep", a, 0);
        String j2 = vm.dropNewJob("sleep", a, 1);
        String j3 = vm.dropNewJob("sleep", a, 0);
        assertThat(jobIds(a)).containsExactly(j3, j1, j2);
        vm.moveJob(j3, a, 2);
        assertThat(jobIds(a)).containsExactly(j1, j2, j3);
        vm.moveJob(j2, b, 0);
        vm.connect(j1, j2);
        WorkflowSpec spec = vm.draft().toSpec();
        assertThat(spec.jobs()).extracting(JobSpec::id).containsExactly(j1, j3, j2);
        assertThat(spec.jobs()).extracting(JobSpec::branch).containsExactly("Branch A", "Branch A", "Branch B");
        assertThat(spec.jobs().get(2).dependsOn()).containsExactly(j1);
        assertThat(spec.jobs().get(0).params()).containsEntry("durationMs", 2000L);
    }

    @Test
    void arrowsToItselfOrTwiceAreRefusedWithAReason() {
        String a = vm.addLane();
        String j1 = vm.dropNewJob("sleep", a, 0);
        String j2 = vm.dropNewJob("sleep", a, 1);
        assertThat(vm.connect(j1, j1)).isFalse();
        assertThat(vm.messageProperty().get()).contains("itself");
        assertThat(vm.connect(j1, j2)).isTrue();
        assertThat(vm.connect(j1, j2)).isFalse();
        assertThat(vm.messageProperty().get()).contains("already depends");
        assertThat(vm.draft().dependencies()).containsExactly(new Dependency(j1, j2));
    }

    @Test
    void aCycleThroughArrowsAndLaneOrderIsFlaggedAndBlocksSubmit() {
        String a = vm.addLane();
        String b = vm.addLane();
        String j1 = vm.dropNewJob("sleep", a, 0);
        String j2 = vm.dropNewJob("sleep", a, 1);
        String j3 = vm.dropNewJob("sleep", b, 0);
        vm.connect(j2, j3);
        assertThat(vm.canSubmitProperty().get()).isTrue();
        vm.connect(j3, j1);
        assertThat(vm.canSubmitProperty().get()).isFalse();
        assertThat(vm.submitBlockedReasonProperty().get()).contains("circle").contains(j1).contains(j3);
        assertThat(vm.problemsOf(j1)).extracting(Problem::kind).containsExactly(Problem.Kind.CYCLE);
        assertThat(vm.isFlagged(new Dependency(j3, j1))).isTrue();
        assertThat(vm.isFlagged(new Dependency(j2, j3))).isTrue();
        vm.selectArrow(new Dependency(j3, j1));
        vm.deleteSelection();
        assertThat(vm.canSubmitProperty().get()).isTrue();
        assertThat(vm.problemsOf(j1)).isEmpty();
    }

    @Test
    void twoJobsInOneLaneDependingBackwardsIsACycle() {
        String a = vm.addLane();
        String j1 = vm.dropNewJob("sleep", a, 0);
        String j2 = vm.dropNewJob("sleep", a, 1);
        vm.connect(j2, j1);
        assertThat(vm.problemsOf(j2)).extracting(Problem::kind).containsExactly(Problem.Kind.CYCLE);
    }

    @Test
    void emptyLanesAndNoLanesBlockSubmitWithTheirReason() {
        assertThat(vm.canSubmitProperty().get()).isFalse();
        assertThat(vm.submitBlockedReasonProperty().get()).contains("Add a lane");
        String a = vm.addLane();
        assertThat(vm.submitBlockedReasonProperty().get()).contains("\"Branch A\" is empty");
        assertThat(vm.problemsOfLane(a)).hasSize(1);
        vm.dropNewJob("sleep", a, 0);
        assertThat(vm.canSubmitProperty().get()).isTrue();
    }

    @Test
    void duplicateLaneNamesAreFlagged() {
        String a = vm.addLane();
        String b = vm.addLane();
        vm.dropNewJob("sleep", a, 0);
        vm.dropNewJob("sleep", b, 0);
        vm.renameLane(b, "branch a");
        assertThat(vm.problemsOfLane(b)).extracting(Problem::kind).containsExactly(Problem.Kind.LANE_NAME);
        assertThat(vm.canSubmitProperty().get()).isFalse();
    }

    @Test
    void aSegmentJobNeedsAnExistingSlide() {
        String a = vm.addLane();
        String j1 = vm.dropNewJob("segment", a, 0);
        assertThat(vm.problemsOf(j1)).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING_SLIDE);
        assertThat(vm.setParam(j1, "slide", "/slides/gone.svs")).isEmpty();
        assertThat(vm.problemsOf(j1).getFirst().message()).contains("/slides/gone.svs").contains("missing");
        vm.setParam(j1, "slide", "/slides/a.svs");
        assertThat(vm.canSubmitProperty().get()).isTrue();
        readableSlides.clear();
        vm.revalidate();
        assertThat(vm.canSubmitProperty().get()).isFalse();
    }

    @Test
    void badParameterTextIsRefusedAndLeavesTheDraftAlone() {
        String a = vm.addLane();
        String j1 = vm.dropNewJob("segment", a, 0);
        var before = vm.draft();
        assertThat(vm.setParam(j1, "tile", "big")).hasValueSatisfying(m -> assertThat(m).contains("Tile (px)").contains("whole number"));
        assertThat(vm.setParam(j1, "device", "gpu")).hasValueSatisfying(m -> assertThat(m).contains("auto, cpu, cuda"));
        assertThat(vm.draft()).isEqualTo(before);
        vm.setParam(j1, "tile", " 1024 ");
        assertThat(vm.draft().job(j1).orElseThrow().params()).containsEntry("tile", 1024L);
        vm.setParam(j1, "region", "");
        assertThat(vm.draft().job(j1).orElseThrow().params()).doesNotContainKey("region");
    }

    @Test
    void undoAndRedoWalkThroughEdits() {
        String a = vm.addLane();
        String j1 = vm.dropNewJob("sleep", a, 0);
        vm.setParam(j1, "durationMs", "50");
        assertThat(vm.canRedoProperty().get()).isFalse();
        vm.undo();
        assertThat(vm.draft().job(j1).orElseThrow().params()).containsEntry("durationMs", 2000L);
        vm.undo();
        assertThat(vm.draft().job(j1)).isEmpty();
        assertThat(vm.canRedoProperty().get()).isTrue();
        vm.redo();
        vm.redo();
        assertThat(vm.draft().job(j1).orElseThrow().params()).containsEntry("durationMs", 50L);
        vm.undo();
        vm.renameLane(a, "other");
        assertThat(vm.canRedoProperty().get()).as("a new edit forgets what was undone").isFalse();
        vm.undo();
        vm.undo();
        vm.undo();
        assertThat(vm.draft().lanes()).isEmpty();
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    @Test
    void deleteKeyRemovesTheSelectedJobAndItsArrows() {
        String a = vm.addLane();
        String j1 = vm.dropNewJob("sleep", a, 0);
        String j2 = vm.dropNewJob("sleep", a, 1);
        vm.connect(j1, j2);
        vm.select(j1);
        vm.deleteSelection();
        assertThat(jobIds(a)).containsExactly(j2);
        assertThat(vm.draft().dependencies()).isEmpty();
        assertThat(vm.selectedJobProperty().get()).isNull();
    }

    @Test
    void templatesRoundTripAndABrokenOneSaysWhichField(@TempDir Path dir) throws Exception {
        String a = vm.addLane();
        String b = vm.addLane();
        String j1 = vm.dropNewJob("segment", a, 0);
        vm.setParam(j1, "slide", "/slides/a.svs");
        String j2 = vm.dropNewJob("sleep", b, 0);
        vm.connect(j1, j2);
        vm.setName("Nuclei then wait");
        var saved = vm.draft();
        Path file = dir.resolve("t.json");
        vm.saveTemplate(file);
        assertThat(vm.messageProperty().get()).contains("Saved");
        vm.newWorkflow();
        vm.loadTemplate(file);
        assertThat(vm.draft().toSpec()).isEqualTo(saved.toSpec());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(file).replace("\"type\" : \"sleep\"", "\"type\" : 7"));
        vm.loadTemplate(broken);
        assertThat(vm.messageProperty().get()).contains("broken.json").contains("lanes[1].jobs[0].type");
        assertThat(vm.draft().toSpec()).isEqualTo(saved.toSpec());
    }

    @Test
    void newAsksBeforeDroppingJobsThatWereNeitherSavedNorSubmitted(@TempDir Path dir) {
        assertThat(vm.confirmNewWorkflow()).as("nothing to lose yet").isEmpty();
        String a = vm.addLane();
        assertThat(vm.confirmNewWorkflow()).as("an empty lane").isEmpty();
        vm.dropNewJob("sleep", a, 0);
        vm.dropNewJob("sleep", a, 1);
        assertThat(vm.confirmNewWorkflow()).hasValueSatisfying(c -> {
            assertThat(c.title()).contains("New workflow");
            assertThat(c.text()).contains("2 jobs").contains("not saved");
        });

        vm.saveTemplate(dir.resolve("t.json"));
        assertThat(vm.confirmNewWorkflow()).as("saved as it is").isEmpty();
        vm.dropNewJob("sleep", a, 2);
        assertThat(vm.confirmNewWorkflow()).as("changed since").isPresent();
        vm.submit();
        assertThat(vm.confirmNewWorkflow()).as("submitted as it is").isEmpty();
    }

    @Test
    void submitSendsTheSpecAndReportsTheEnginesAnswer() {
        String a = vm.addLane();
        vm.dropNewJob("sleep", a, 0);
        vm.submit();
        assertThat(submitted).hasSize(1);
        assertThat(vm.messageProperty().get()).contains("wf-1");

        EditorViewModel refusing = new EditorViewModel(JobCatalog.forRegistered(Set.of("sleep")), p -> true,
                spec -> {
                    throw new IllegalStateException("branch list is empty");
                }, UiExecutors.direct());
        refusing.dropNewJob("sleep", refusing.addLane(), 0);
        refusing.submit();
        assertThat(refusing.messageProperty().get()).contains("refused").contains("branch list is empty");
        assertThat(refusing.canSubmitProperty().get()).isTrue();
    }

    @Test
    void aTemplateWithATypeThisEngineDoesNotRunIsFlagged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                {"format":"pathlane-workflow/1","name":"x","lanes":[{"name":"A","jobs":[{"id":"j1","type":"warp"}]}]}
                """);
        vm.loadTemplate(file);
        assertThat(vm.problemsOf("j1")).extracting(Problem::kind).containsExactly(Problem.Kind.UNKNOWN_TYPE);
    }

    @Test
    void anExportMustNameAJobOfTheWorkflowAndWaitForIt() {
        String a = vm.addLane();
        String b = vm.addLane();
        String seg = vm.dropNewJob("segment", a, 0);
        vm.setParam(seg, "slide", "/slides/a.svs");
        String export = vm.dropNewJob("export", b, 0);
        vm.setParam(export, "folder", "/share/out");
        vm.setParam(export, "source", "j9");
        assertThat(vm.problemsOf(export)).extracting(Problem::message).singleElement().asString().contains("not in this workflow");
        vm.setParam(export, "source", seg);
        assertThat(vm.problemsOf(export)).extracting(Problem::message).singleElement().asString()
                .contains("does not wait for it").contains("draw an arrow from " + seg);
        vm.connect(seg, export);
        assertThat(vm.problemsOf(export)).isEmpty();
        assertThat(vm.canSubmitProperty().get()).isTrue();
        vm.disconnect(new Dependency(seg, export));
        vm.moveJob(export, a, 1);
        assertThat(vm.problemsOf(export)).as("later in the same lane waits too").isEmpty();
    }

    @Test
    void anExportOffersOnlySegmentationsAsItsSourceAndNamesThemForPeople() {
        String a = vm.addLane();
        String b = vm.addLane();
        String seg = vm.dropNewJob("segment", a, 0);
        vm.setParam(seg, "slide", "/slides/a.svs");
        String wait = vm.dropNewJob("sleep", a, 1);
        String export = vm.dropNewJob("export", b, 0);
        assertThat(vm.jobChoices(export, "source")).containsExactly(seg);
        assertThat(vm.describeJob(seg)).isEqualTo(seg + " · Segment nuclei · a.svs");
        vm.setParam(export, "folder", "/share/out");
        vm.setParam(export, "source", wait);
        assertThat(vm.problemsOf(export)).extracting(Problem::message).singleElement().asString()
                .contains(wait).contains("must be a Segment nuclei job");
    }

    @Test
    void anArrowFromASegmentationIntoAnExportFillsInItsSourceInOneUndoStep() {
        String a = vm.addLane();
        String b = vm.addLane();
        String wait = vm.dropNewJob("sleep", a, 0);
        String seg = vm.dropNewJob("segment", a, 1);
        vm.setParam(seg, "slide", "/slides/a.svs");
        String export = vm.dropNewJob("export", b, 0);
        vm.setParam(export, "folder", "/share/out");
        vm.connect(wait, export);
        assertThat(vm.draft().job(export).orElseThrow().params().get("source")).as("a Wait job is no source").isNull();
        vm.connect(seg, export);
        assertThat(vm.draft().job(export).orElseThrow().params().get("source")).isEqualTo(seg);
        assertThat(vm.problemsOf(export)).isEmpty();
        vm.undo();
        assertThat(vm.draft().dependencies()).containsExactly(new Dependency(wait, export));
        assertThat(vm.draft().job(export).orElseThrow().params().get("source")).isNull();
    }

    @Test
    void anArrowDoesNotReplaceASourceAlreadyChosen() {
        String a = vm.addLane();
        String b = vm.addLane();
        String seg1 = vm.dropNewJob("segment", a, 0);
        String seg2 = vm.dropNewJob("segment", b, 0);
        String export = vm.dropNewJob("export", b, 1);
        vm.setParam(export, "source", seg1);
        vm.connect(seg1, export);
        vm.connect(seg2, export);
        assertThat(vm.draft().job(export).orElseThrow().params().get("source")).isEqualTo(seg1);
    }

    @Test
    void aNewExportJobWritesIntoTheProfilesExportsFolder(@TempDir Path dir) {
        Path exports = dir.resolve("profiles/ada/exports");
        EditorViewModel editor = new EditorViewModel(JobCatalog.forRegistered(Set.of("segment", "export")).withExportsInto(exports),
                readableSlides::contains, spec -> "wf-1", UiExecutors.direct());
        String lane = editor.addLane();
        String export = editor.dropNewJob("export", lane, 0);
        assertThat(editor.draft().job(export).orElseThrow().params()).containsEntry("folder", exports.toString());
    }

    @Test
    void aSlideWithoutAPixelSizeIsNotedOnItsJobUntilTheJobSetsOne() {
        vm.setSlideNotes(path -> path.equals("/slides/a.svs")
                ? java.util.Optional.of(org.pathlane.app.slides.SlideFacts.noPixelSize()) : java.util.Optional.empty());
        String a = vm.addLane();
        String seg = vm.dropNewJob("segment", a, 0);
        assertThat(vm.notesOf(seg)).isEmpty();
        vm.setParam(seg, "slide", "/slides/a.svs");
        assertThat(vm.notesOf(seg)).singleElement().asString().contains("No pixel size").contains("0.5 µm/px");
        assertThat(vm.canSubmitProperty().get()).as("a note, not a problem").isTrue();
        vm.setParam(seg, "mpp", "0.25");
        assertThat(vm.notesOf(seg)).isEmpty();
    }

    @Test
    void quittingOrSwitchingProfileAsksBeforeLosingAnUnsavedDraft(@TempDir Path dir) {
        String a = vm.addLane();
        assertThat(vm.confirmLeaving("Quit")).as("nothing to lose").isEmpty();
        vm.dropNewJob("sleep", a, 0);
        assertThat(vm.confirmLeaving("Quit")).hasValueSatisfying(c -> {
            assertThat(c.title()).isEqualTo("Quit without saving the draft “New workflow”?");
            assertThat(c.text()).contains("1 job is not saved").contains("lost when you quit");
            assertThat(c.action()).isEqualTo("Quit without saving");
        });
        assertThat(vm.confirmLeaving("Switch profile").orElseThrow().text()).contains("lost when you switch profile");
        vm.saveTemplate(dir.resolve("kept.json"));
        assertThat(vm.confirmLeaving("Quit")).as("saved as it is").isEmpty();
    }

    private List<String> names() {
        return vm.draft().lanes().stream().map(Lane::name).toList();
    }

    private List<String> jobIds(String laneId) {
        return vm.draft().lane(laneId).orElseThrow().jobs().stream().map(j -> j.id()).toList();
    }
}
