package org.pathlane.app.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pathlane.jobs.JobHandlers;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Walks through every screen and saves a screenshot of each into {@code -Dpathlane.screenshots=DIR} (the
 * README's figures). Skipped in normal test runs. Under xvfb-run with {@code -Dpathlane.screenshots.gtk=true}
 * it draws with the real desktop toolkit and captures the screen with ImageMagick's {@code import}.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {

    private static final String OUT = System.getProperty("pathlane.screenshots");

    static {
        if (OUT != null && Boolean.getBoolean("pathlane.screenshots.gtk")) {
            System.setProperty("glass.platform", "gtk");
        }
        FxTestSupport.useGlassRobot();
    }

    private final GateJob gate = new GateJob();
    private AppContext context;
    private AppShell shell;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        if (OUT == null) {
            return;
        }
        Path data = Files.createTempDirectory("pathlane-tour");
        List<org.pathlane.scheduler.api.JobHandler> handlers = new java.util.ArrayList<>(JobHandlers.desktop());
        handlers.add(gate);
        context = TestEngines.context(data, new Limits(4, 1), handlers, Platform::runLater);
        shell = new AppShell(context, uri -> { }, List.of());
        scene = new Scene(shell, 1400, 860);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (context != null) {
            gate.open();
            WaitForAsyncUtils.asyncFx(() -> shell.closeWindow()).get();
            context.close();
        }
    }

    @Test
    void everyScreen(FxRobot robot) throws Exception {
        assumeTrue(OUT != null, "screenshots only on request: -Dpathlane.screenshots=DIR");
        Path out = Path.of(OUT);
        Files.createDirectories(out);
        waitFor(() -> robot.lookup("#new-profile-name").tryQuery().isPresent());
        shot(out, "start-screen");
        robot.clickOn("#new-profile-name").write("Ada Lovelace");
        robot.clickOn("#create-profile");
        waitFor(() -> robot.lookup("#signed-in-as").tryQuery().isPresent());

        MainWindow window = (MainWindow) shell.getChildren().getFirst();
        Path slides = Path.of(System.getProperty("pathlane.shared.dir", "../shared"), "slides");
        Path broken = Files.writeString(Files.createTempFile("not-a-slide", ".svs"), "this is text, not a slide");
        WaitForAsyncUtils.asyncFx(() -> window.importSlides(List.of(slides, broken))).get();
        waitFor(() -> text(robot, "#slides-status").contains("added"));
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        shot(out, "slides");

        robot.clickOn("#nav-editor");
        robot.clickOn("#add-lane");
        robot.clickOn("#add-lane");
        robot.drag("#palette-segment").dropTo("#lane-lane1");
        robot.drag("#palette-tissue").dropTo("#lane-lane2");
        robot.drag("#palette-export").dropTo("#lane-lane2");
        robot.drag("#port-j1").dropTo("#job-j3");
        robot.drag("#port-j3").dropTo("#job-j1");
        robot.clickOn("#job-j1");
        shot(out, "editor-cycle");
        robot.clickOn("#undo");
        String cmu = slides.resolve("CMU-1-Small-Region.svs").toAbsolutePath().normalize().toString();
        for (String job : List.of("#job-j1", "#job-j2")) {
            robot.clickOn(job);
            robot.clickOn("#param-slide");
            robot.clickOn(cmu);
        }
        robot.clickOn("#job-j3");
        robot.interact(() -> robot.lookup("#param-source").<javafx.scene.control.ComboBox<String>>query().setValue("j1"));
        robot.clickOn("#param-folder").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .write(out.resolve("export").toString()).push(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#workflow-name").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .write("Nuclei and tissue of CMU-1").push(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#job-j1");
        shot(out, "editor");
        robot.clickOn("#submit");
        waitFor(() -> text(robot, "#editor-message").startsWith("Submitted"));

        context.scheduler().profiles().create("Ada Lovelace", new UserProfile("Bob", "#228833", false, null, null));
        context.scheduler().submit("Bob", new WorkflowSpec("Bob's batch", List.of(new JobSpec("s", "A", "sleep", Map.of(), List.of()))));
        robot.clickOn("#nav-dashboard");
        waitFor(() -> robot.lookup(".wait-reason").tryQuery().isPresent() && text(robot, "#user-queue").contains("waiting"));
        shot(out, "dashboard");

        String id = context.scheduler().workflows("Ada Lovelace").stream()
                .filter(w -> w.name().equals("Nuclei and tissue of CMU-1")).findFirst().orElseThrow().id();
        waitFor(() -> robot.lookup("#watch-" + id + "-j1").tryQuery().isPresent());
        robot.clickOn("#watch-" + id + "-j1");
        try {
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> text(robot, "#viewer-status").matches(".*[1-9][\\d,]* nuclei (live|from).*")).get());
        } catch (java.util.concurrent.TimeoutException e) {
            shot(out, "viewer-waiting");
            throw e;
        }
        WaitForAsyncUtils.sleep(4, TimeUnit.SECONDS);
        shot(out, "viewer");

        robot.clickOn("#nav-dashboard");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> robot.lookup(".state-SUCCEEDED").queryAll().size() >= 5).get());
        robot.clickOn("#nav-results");
        robot.clickOn(robot.from(robot.lookup(".list-view").<javafx.scene.Node>query()).lookup((javafx.scene.Node n) -> n instanceof Labeled l
                && l.getText() != null && l.getText().startsWith("Segment nuclei")).<javafx.scene.Node>query());
        waitFor(() -> robot.lookup("#result-count").tryQuery().isPresent());
        shot(out, "results");

        // A batch: tissue detection (quick) over every slide of the library, one workflow per slide.
        robot.clickOn("#nav-editor");
        robot.clickOn("#editor-new");
        robot.drag("#palette-tissue").dropTo(robot.lookup(".lane").<javafx.scene.Node>query());
        robot.clickOn("#workflow-name").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .write("Tissue of every slide").push(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#run-on-slides");
        waitFor(() -> robot.lookup("#batch-dialog").tryQuery().isPresent());
        robot.clickOn("Submit batch");
        waitFor(() -> text(robot, "#editor-message").startsWith("Submitted batch"));
        robot.clickOn("#nav-dashboard");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> robot.lookup("#batches .card").tryQuery().isPresent()
                        && robot.lookup(".hint").queryAll().stream().anyMatch(n -> n instanceof Labeled l
                                && l.getText() != null && l.getText().matches("[1-9]\\d* of \\d+ slides done.*"))).get());
        shot(out, "dashboard-batch");

        robot.clickOn("#nav-settings");
        waitFor(() -> !text(robot, "#detected-device").startsWith("Detecting"));
        shot(out, "settings");
    }

    private void shot(Path out, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path file = out.resolve(name + ".png");
        if (Boolean.getBoolean("pathlane.screenshots.gtk") && System.getenv("DISPLAY") != null) {
            Process p = new ProcessBuilder("import", "-window", "root", "-crop", "1400x860+0+0", file.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("import failed for " + file);
            }
            return;
        }
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Labeled l ? l.getText() : "").orElse("");
    }

    private static void waitFor(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
    }
}
