package org.pathlane.app.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.app.ui.FxTestSupport;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A batch on the dashboard as the user sees it: one card, its progress, and Cancel batch behind a question. */
@ExtendWith(ApplicationExtension.class)
class BatchCardTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    @TempDir
    static Path dir;
    private final GateJob gate = new GateJob();
    private AppContext context;
    private DashboardViewModel dashboard;
    private EditorViewModel editor;

    @Start
    void start(Stage stage) throws Exception {
        JobHandler segment = new JobHandler() {
            @Override
            public String type() {
                return "segment";
            }

            @Override
            public void run(JobContext job) throws Exception {
                gate.hold();
            }
        };
        context = TestEngines.context(dir.resolve("data-" + System.nanoTime()), new Limits(1, 2), List.of(segment), Platform::runLater);
        context.scheduler().profiles().create(null, new UserProfile("ada", null, true, null, null));
        dashboard = new DashboardViewModel(context.scheduler(), "ada", t -> t, context.executors());
        editor = new EditorViewModel(JobCatalog.forRegistered(Set.of("segment")), p -> true,
                spec -> context.scheduler().submit("ada", spec), UiExecutors.direct());
        DashboardScene.show(stage, dashboard);
    }

    @AfterEach
    void tearDown() {
        gate.open();
        dashboard.close();
        context.close();
    }

    @Test
    void aBatchIsOneCardThatCancelsAllItsSlidesAfterAsking(FxRobot robot) throws Exception {
        String id = WaitForAsyncUtils.asyncFx(() -> {
            String lane = editor.addLane();
            editor.setName("Nuclei");
            editor.dropNewJob("segment", lane, 0);
            return editor.submitBatch(List.of("/s/case-1.svs", "/s/case-2.svs", "/s/case-3.svs")).orElseThrow();
        }).get();
        waitForText(robot, "#batch-summary-" + id, "0 of 3 slides done · 1 running · 2 waiting");
        assertThat(robot.lookup("#batch-" + id).queryAs(javafx.scene.Node.class)).isNotNull();

        robot.clickOn("#cancel-batch-" + id);
        assertThat(robot.lookup("#confirm-dialog").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                .contains("2 slides that have not started will not run");
        robot.clickOn("#confirm-yes");

        waitForText(robot, "#batch-summary-" + id, "3 of 3 slides done · 3 cancelled");
        assertThat(robot.lookup("#cancel-batch-" + id).query().isVisible()).as("nothing left to cancel").isFalse();
    }

    private static void waitForText(FxRobot robot, String query, String expected) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup(query).tryQuery().map(n -> ((Labeled) n).getText().contains(expected)).orElse(false)).get());
    }
}
