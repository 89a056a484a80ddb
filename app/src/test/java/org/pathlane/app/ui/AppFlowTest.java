package org.pathlane.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.EngineConditions;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app as a technician uses it, on a real engine (in-memory database) in a headless scene. */
@ExtendWith(ApplicationExtension.class)
class AppFlowTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    @TempDir
    static Path dir;
    private final GateJob gate = new GateJob();
    private AppContext context;
    private AppShell shell;

    @Start
    void start(Stage stage) throws Exception {
        context = TestEngines.context(dir.resolve("data-" + System.nanoTime()), new Limits(4, 1), List.of(gate), Platform::runLater);
        shell = new AppShell(context, uri -> { }, List.of());
        Scene scene = new Scene(shell, 1360, 860);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        gate.open();
        WaitForAsyncUtils.asyncFx(() -> shell.closeWindow()).get();
        context.close();
    }

    @Test
    void createAProfileBuildATwoLaneWorkflowByDragAndDropSubmitItAndWatchItRun(FxRobot robot) throws Exception {
        waitFor("the first-start form", () -> robot.lookup("#new-profile-name").tryQuery().isPresent());
        robot.clickOn("#new-profile-name").write("Ada Lovelace");
        robot.clickOn("#create-profile");
        waitFor("the main window", () -> robot.lookup("#signed-in-as").tryQuery().isPresent());
        assertThat(text(robot, "#signed-in-as")).isEqualTo("Ada Lovelace (admin)");

        robot.clickOn("#nav-editor");
        robot.clickOn("#add-lane");
        robot.clickOn("#add-lane");
        robot.drag("#palette-gate").dropTo("#lane-lane1");
        robot.drag("#palette-sleep").dropTo("#lane-lane2");
        robot.drag("#port-j1").dropTo("#job-j2");
        assertThat(robot.lookup("#submit").queryButton().isDisabled()).isFalse();

        robot.drag("#port-j2").dropTo("#job-j1");
        assertThat(robot.lookup("#job-j1").query().getStyleClass()).contains("flagged");
        assertThat(robot.lookup("#submit").queryButton().isDisabled()).isTrue();
        assertThat(text(robot, "#submit-blocked")).contains("circle");
        robot.clickOn("#undo");
        assertThat(robot.lookup("#submit").queryButton().isDisabled()).isFalse();
        robot.clickOn("#submit");
        waitFor("the submission", () -> text(robot, "#editor-message").startsWith("Submitted"));

        String id = context.scheduler().workflows("Ada Lovelace").getFirst().id();
        robot.clickOn("#nav-dashboard");
        waitFor("j1 running", () -> "RUNNING".equals(textOrNull(robot, "#job-state-" + id + "-j1")));
        assertThat(text(robot, "#detail-" + id + "-j2")).isEqualTo("waiting for j1 to succeed");
        gate.open();
        waitFor("j2 succeeded", () -> "SUCCEEDED".equals(textOrNull(robot, "#job-state-" + id + "-j2")));
        assertThat(text(robot, "#job-state-" + id + "-j1")).isEqualTo("SUCCEEDED");
        assertThat(text(robot, "#workflow-state-" + id)).isEqualTo("SUCCEEDED");

        robot.clickOn("#switch-profile");
        waitFor("the start screen", () -> robot.lookup("#new-profile").tryQuery().isPresent());
        robot.clickOn("#new-profile");
        robot.clickOn("#new-profile-name").write("Bob");
        robot.clickOn("#create-profile");
        waitFor("Bob's main window", () -> "Bob".equals(textOrNull(robot, "#signed-in-as")));
        robot.clickOn("#nav-dashboard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#workflow-" + id).tryQuery()).as("Bob does not see Ada's workflow").isEmpty();
        assertThat(robot.lookup("No workflows yet. Build one in the editor and press Submit.").tryQuery()).isPresent();
    }

    @Test
    void cancellingAWorkflowFreesTheUserSlotForTheNextUser(FxRobot robot) throws Exception {
        var profiles = context.scheduler().profiles();
        profiles.create(null, new UserProfile("Ada", "#4477AA", true, null, null));
        profiles.create(null, new UserProfile("Bob", "#228833", false, null, null));
        String held = context.scheduler().submit("Ada", new WorkflowSpec("long run",
                List.of(new JobSpec("g", "A", GateJob.TYPE, Map.of(), List.of()))));
        String waiting = context.scheduler().submit("Bob", new WorkflowSpec("short",
                List.of(new JobSpec("s", "A", "sleep", Map.of("durationMs", 1), List.of()))));

        WaitForAsyncUtils.asyncFx(shell::showStart).get();
        waitFor("Ada's tile", () -> robot.lookup("#profile-Ada").tryQuery().isPresent());
        robot.clickOn("#profile-Ada");
        robot.clickOn("#nav-dashboard");
        waitFor("Ada's job running", () -> "RUNNING".equals(textOrNull(robot, "#job-state-" + held + "-g")));
        assertThat(text(robot, "#user-queue")).contains("1 of 1 in use (Ada)").contains("waiting: Bob");
        assertThat(status(waiting)).isEqualTo(WorkflowStatus.WAITING);

        robot.clickOn("#cancel-workflow-" + held);
        waitFor("the question", () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-dialog").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                .contains("“long run”").contains("1 running job stops now");
        robot.clickOn("#confirm-keep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#job-state-" + held + "-g")).as("Keep cancels nothing").isEqualTo("RUNNING");

        robot.clickOn("#cancel-workflow-" + held);
        waitFor("the question again", () -> robot.lookup("#confirm-yes").tryQuery().isPresent());
        robot.clickOn("#confirm-yes");
        waitFor("Ada's workflow cancelled", () -> "CANCELLED".equals(textOrNull(robot, "#workflow-state-" + held)));
        EngineConditions.await(context.scheduler(), "Bob's workflow ran", () -> status(waiting) == WorkflowStatus.SUCCEEDED);
    }

    @Test
    void aSlideGivenAtStartIsImportedForWhoeverSignsIn(FxRobot robot) throws Exception {
        // What a file manager does when a technician double-clicks a slide: PathLane SLIDE.
        Path slide = dir.resolve("double-clicked-" + System.nanoTime() + ".png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(image, "png", slide.toFile());
        WaitForAsyncUtils.asyncFx(() -> {
            shell.closeWindow();
            shell = new AppShell(context, uri -> { }, List.of(slide));
            robot.listTargetWindows().stream().filter(w -> w.getScene() != null).findFirst()
                    .orElseThrow().getScene().setRoot(shell);
        }).get();

        waitFor("the first-start form", () -> robot.lookup("#new-profile-name").tryQuery().isPresent());
        robot.clickOn("#new-profile-name").write("Cleo");
        robot.clickOn("#create-profile");
        waitFor("the slide in Cleo's library", () -> context.scheduler().profiles().slides("Cleo").stream()
                .anyMatch(e -> Path.of(e.path()).equals(slide)));
    }

    private WorkflowStatus status(String workflowId) {
        return context.scheduler().workflows("Ada").stream().filter(w -> w.id().equals(workflowId))
                .map(WorkflowView::status).findFirst().orElseThrow();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).<Labeled>query().getText();
    }

    private static String textOrNull(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Labeled l ? l.getText() : null).orElse(null);
    }

    /** Waits on a condition over what the screen shows (checked after FX events), never a fixed sleep. */
    private static void waitFor(String what, Supplier<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
        } catch (TimeoutException e) {
            throw new TimeoutException("not seen within 20 s: " + what);
        }
    }

}
