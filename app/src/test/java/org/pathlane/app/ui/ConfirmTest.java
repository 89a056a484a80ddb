package org.pathlane.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.app.quit.QuitCheck;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The quit question's three ways: keep working, quit and stop the jobs, quit and keep them running. */
@ExtendWith(ApplicationExtension.class)
class ConfirmTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    private final StackPane root = new StackPane();
    private final List<String> done = new ArrayList<>();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    @Test
    void theSecondWayOutRunsItsOwnActionAndKeepRunsNeither(FxRobot robot) {
        Confirmation question = new Confirmation("Quit while jobs are running?", "1 job is running.", "Quit and stop them",
                QuitCheck.KEEP_RUNNING);
        ask(question);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-alternative").queryAs(Button.class).getText()).isEqualTo(QuitCheck.KEEP_RUNNING);
        robot.clickOn("#confirm-alternative");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(done).containsExactly("keep running");

        ask(question);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirm-keep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(done).as("Keep does neither").containsExactly("keep running");

        ask(question);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirm-yes");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(done).containsExactly("keep running", "stop");
    }

    @Test
    void aQuestionWithoutASecondWayHasTwoButtons(FxRobot robot) {
        ask(new Confirmation("Cancel job j1?", "It stops now.", "Cancel job"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-alternative").tryQuery()).isEmpty();
        robot.clickOn("#confirm-keep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(done).isEmpty();
    }

    private void ask(Confirmation question) {
        Platform.runLater(() -> Confirm.ask(root, question, () -> done.add("stop"), () -> done.add("keep running")));
    }
}
