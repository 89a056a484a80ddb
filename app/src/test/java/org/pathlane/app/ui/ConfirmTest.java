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
        Theme.apply(false);
        Scene scene = new Scene(root, 400, 300);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theSecondWayOutRunsItsOwnActionAndKeepRunsNeither(FxRobot robot) {
        Confirmation question = new Confirmation("Quit while jobs are running?", "Ada has work running or queued. Quitting"
                + " stops it now. Nothing is lost: it goes back in the queue and starts again the next time PathLane opens"
                + " /tmp/data (a segmentation from its last finished tiles). Or keep it running in the background.",
                "Quit and stop them", QuitCheck.KEEP_RUNNING);
        ask(question);
        WaitForAsyncUtils.waitForFxEvents();
        Button alternative = robot.lookup("#confirm-alternative").queryAs(Button.class);
        assertThat(alternative.getText()).isEqualTo(QuitCheck.KEEP_RUNNING);
        for (String id : List.of("#confirm-alternative", "#confirm-keep", "#confirm-yes")) {
            Button button = robot.lookup(id).queryAs(Button.class);
            assertThat(button.getWidth()).as(id + " shows its whole label").isGreaterThanOrEqualTo(button.prefWidth(-1) - 0.5);
        }
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
