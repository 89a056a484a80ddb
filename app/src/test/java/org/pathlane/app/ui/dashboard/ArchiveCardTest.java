package org.pathlane.app.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.TestEngines;
import org.pathlane.app.ui.FxTestSupport;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Archiving from a workflow's card: the card leaves the dashboard, "Show archived" brings it back to unarchive. */
@ExtendWith(ApplicationExtension.class)
class ArchiveCardTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    @TempDir
    static Path dir;
    private AppContext context;
    private DashboardViewModel dashboard;

    @Start
    void start(Stage stage) throws Exception {
        context = TestEngines.context(dir.resolve("data-" + System.nanoTime()), new Limits(2, 2), List.of(), Platform::runLater);
        context.scheduler().profiles().create(null, new UserProfile("bob", null, false, null, null));
        dashboard = new DashboardViewModel(context.scheduler(), "bob", t -> t, context.executors());
        DashboardScene.show(stage, dashboard);
    }

    @AfterEach
    void tearDown() {
        dashboard.close();
        context.close();
    }

    @Test
    void aFinishedWorkflowIsArchivedFromItsCardAndUnarchivedFromTheArchivedView(FxRobot robot) throws Exception {
        String id = context.scheduler().submit("bob", new WorkflowSpec("scan", List.of(
                new JobSpec("s", "A", "sleep", Map.of("durationMs", 0), List.of()))));
        waitUntil(robot, "#archive-" + id, true);

        robot.clickOn("#archive-" + id);
        waitUntil(robot, "#workflow-" + id, false);

        robot.clickOn("#dashboard-archived");
        waitUntil(robot, "#unarchive-" + id, true);
        assertThat(robot.lookup("#archive-" + id).query().isVisible()).as("already archived").isFalse();
        robot.clickOn("#unarchive-" + id);
        waitUntil(robot, "#archive-" + id, true);
        assertThat(context.scheduler().workflow("bob", id).archived()).isFalse();
    }

    /** Waits until a node matching {@code query} is shown ({@code shown}) or gone from the scene. */
    private static void waitUntil(FxRobot robot, String query, boolean shown) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            var node = robot.lookup(query).tryQuery();
            return shown ? node.map(Node::isVisible).orElse(false) : node.isEmpty();
        }).get());
    }
}
