package org.pathlane.app.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.editor.model.Dependency;
import org.pathlane.app.ui.FxTestSupport;
import org.pathlane.app.ui.Theme;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The editor's gestures in a real scene: drags from the palette, between lanes, port to port, and keys. */
@ExtendWith(ApplicationExtension.class)
class WorkflowEditorViewTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    private final List<WorkflowSpec> submitted = new ArrayList<>();
    private EditorViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new EditorViewModel(JobCatalog.forRegistered(Set.of("sleep", "segment")), p -> true,
                spec -> {
                    submitted.add(spec);
                    return "wf-1";
                }, UiExecutors.direct());
        vm.addLane();
        vm.addLane();
        Theme.apply(false);
        Scene scene = new Scene(new WorkflowEditorView(vm, Path.of("templates")), 1280, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void dragTwoJobsIntoTwoLanesConnectThemThenACycleBlocksSubmit(FxRobot robot) {
        Button submit = robot.lookup("#submit").queryButton();
        assertThat(submit.isDisabled()).as("two empty lanes").isTrue();

        robot.drag("#palette-sleep").dropTo("#lane-lane1");
        robot.drag("#palette-sleep").dropTo("#lane-lane2");
        assertThat(jobsOf("lane1")).containsExactly("j1");
        assertThat(jobsOf("lane2")).containsExactly("j2");
        assertThat(submit.isDisabled()).isFalse();

        robot.drag("#port-j1").dropTo("#job-j2");
        assertThat(vm.draft().dependencies()).containsExactly(new Dependency("j1", "j2"));
        assertThat(robot.lookup("#arrow-j1-j2").tryQuery()).isPresent();

        robot.drag("#port-j2").dropTo("#job-j1");
        assertThat(vm.draft().dependencies()).hasSize(2);
        Node card = robot.lookup("#job-j1").query();
        assertThat(card.getStyleClass()).contains("flagged");
        assertThat(robot.lookup("#arrow-j2-j1").query().getStyleClass()).contains("flagged");
        assertThat(submit.isDisabled()).isTrue();
        assertThat(robot.lookup("#submit-blocked").queryLabeled().getText()).contains("circle");

        robot.clickOn("#arrow-handle-j2-j1");
        assertThat(vm.selectedArrowProperty().get()).isEqualTo(new Dependency("j2", "j1"));
        robot.type(KeyCode.DELETE);
        assertThat(vm.draft().dependencies()).containsExactly(new Dependency("j1", "j2"));
        assertThat(submit.isDisabled()).isFalse();
        robot.clickOn("#submit");
        assertThat(submitted).hasSize(1);
        assertThat(submitted.getFirst().jobs().get(1).dependsOn()).containsExactly("j1");
    }

    @Test
    void aJobDraggedToAnotherLaneMovesAndTheSelectedOneIsDeletedWithTheKey(FxRobot robot) {
        robot.drag("#palette-sleep").dropTo("#lane-lane1");
        robot.drag("#palette-segment").dropTo("#lane-lane1");
        assertThat(jobsOf("lane1")).containsExactly("j1", "j2");
        assertThat(robot.lookup("#job-j2").query().getStyleClass()).as("no slide picked").contains("flagged");

        robot.drag("#job-j1").dropTo("#lane-lane2");
        assertThat(jobsOf("lane1")).containsExactly("j2");
        assertThat(jobsOf("lane2")).containsExactly("j1");

        robot.clickOn("#job-j2");
        assertThat(vm.selectedJobProperty().get()).isEqualTo("j2");
        assertThat(robot.lookup("#param-slide").tryQuery()).as("the inspector shows the job").isPresent();
        robot.type(KeyCode.DELETE);
        assertThat(jobsOf("lane1")).isEmpty();
        robot.clickOn("#undo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(jobsOf("lane1")).containsExactly("j2");
    }

    @Test
    void doubleClickingALaneNameRenamesIt(FxRobot robot) {
        robot.drag("#palette-sleep").dropTo("#lane-lane1");
        assertThat(vm.selectedJobProperty().get()).as("the dropped job is selected").isEqualTo("j1");

        robot.doubleClickOn("#lane-name-lane1");
        assertThat(robot.lookup("#lane-rename-lane1").tryQuery()).as("a rename field").isPresent();
        robot.eraseText(1).write("Nuclei").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.draft().lane("lane1").orElseThrow().name()).isEqualTo("Nuclei");
        assertThat(robot.lookup("#lane-name-lane1").queryLabeled().getText()).isEqualTo("Nuclei");
    }

    private List<String> jobsOf(String laneId) {
        return vm.draft().lane(laneId).orElseThrow().jobs().stream().map(j -> j.id()).toList();
    }

    @Test
    void aLongValidationMessageLeavesEveryToolbarButtonWhole(FxRobot robot) throws Exception {
        double width = robot.window(0).getWidth();
        try {
            narrowWindowWithALongMessage(robot);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> robot.window(0).setWidth(width)).get();
        }
    }

    private void narrowWindowWithALongMessage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            robot.window(0).setWidth(1000);
            vm.renameLane(vm.draft().lanes().getFirst().id(), "Staining and scanning of the second block of case 2026-0457 "
                    + "for the weekly tumour board review");
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#submit-blocked").queryLabeled().getText()).contains("for the weekly tumour board review");
        for (String id : List.of("#editor-new", "#editor-open", "#editor-save", "#undo", "#redo", "#submit")) {
            Button button = robot.lookup(id).queryButton();
            assertThat(WaitForAsyncUtils.asyncFx(() -> button.getWidth() >= button.prefWidth(-1) - 0.5).get())
                    .as(id + " keeps its whole label").isTrue();
        }
    }
}
