package org.pathlane.app.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.shape.SVGPath;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.profiles.ProfilesViewModel;
import org.pathlane.app.session.TestEngines;
import org.pathlane.app.ui.FxTestSupport;
import org.pathlane.app.ui.Theme;
import org.pathlane.scheduler.engine.PasswordHasher;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The start screen as a technician meets it: tiles that read whole, and a sign-in that shows it is working. */
@ExtendWith(ApplicationExtension.class)
class StartScreenTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    private static final String LONG_NAME = "Maria-Magdalena Oyelaran-Smith";

    @TempDir
    static Path dir;
    private Scheduler scheduler;
    /** The view-model's background work, run when the test says: the busy state can be seen meanwhile. */
    private final ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
    private UserProfile maria;

    @Start
    void start(Stage stage) {
        scheduler = TestEngines.scheduler(dir.resolve("db-" + System.nanoTime()), Limits.DEFAULT);
        PasswordHasher hasher = new PasswordHasher(1_000);
        scheduler.profiles().create(null, new UserProfile("admin", null, true, null, null));
        maria = scheduler.profiles().create("admin", new UserProfile(LONG_NAME, null, false,
                hasher.hash("secret".toCharArray()), null));
        ProfilesViewModel vm = new ProfilesViewModel(scheduler.profiles(), hasher, new UiExecutors(background::add, Platform::runLater));
        Theme.apply(false);
        Scene scene = new Scene(new StartScreen(vm, p -> { }), 1000, 700);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void aProfileTileShowsItsWholeNameAndADrawnLock(FxRobot robot) throws Exception {
        runBackground();
        String id = LONG_NAME.replaceAll("\\W+", "_");
        Label name = robot.lookup("#profile-name-" + id).queryAs(Label.class);
        assertThat(shownText(name)).as("the caption is not cut off").isEqualTo(LONG_NAME);
        assertThat(robot.lookup("#lock-" + id).tryQuery()).get().isInstanceOf(SVGPath.class);
        Node tile = robot.lookup("#profile-" + id).query();
        assertThat(robot.from(tile).lookup((Node n) -> n instanceof Labeled l && l.getText().codePoints().anyMatch(c -> c > 0xFFFF))
                .tryQuery()).as("no emoji that a desktop font may lack").isEmpty();
    }

    @Test
    void tilesLineUpWhateverTheySayUnderTheName(FxRobot robot) throws Exception {
        scheduler.profiles().create("admin", new UserProfile("Bob", null, false, null, null));
        runBackground();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#profile-tiles").queryAs(javafx.scene.layout.Pane.class).layout()).get();
        runBackground();
        WaitForAsyncUtils.waitForFxEvents();
        List<Node> tiles = List.of(robot.lookup("#profile-admin").query(), robot.lookup("#profile-Bob").query(),
                robot.lookup("#profile-" + LONG_NAME.replaceAll("\\W+", "_")).query());
        List<Double> avatarTops = WaitForAsyncUtils.asyncFx(() -> tiles.stream()
                .map(t -> t.localToScene(((javafx.scene.layout.VBox) t).getChildren().getFirst().getBoundsInParent()).getMinY())
                .toList()).get();
        List<Double> heights = WaitForAsyncUtils.asyncFx(() -> tiles.stream().map(t -> t.getBoundsInParent().getHeight()).toList()).get();
        assertThat(avatarTops).as("avatars on one line: admin, plain, long name with a lock").allSatisfy(y ->
                assertThat(y).isCloseTo(avatarTops.getFirst(), org.assertj.core.data.Offset.offset(0.5)));
        Label bob = robot.lookup("#profile-name-Bob").queryAs(Label.class);
        Node bobsTile = tiles.get(1);
        double offCentre = WaitForAsyncUtils.asyncFx(() -> {
            javafx.geometry.Bounds text = bob.lookup(".text").localToScene(bob.lookup(".text").getBoundsInLocal());
            javafx.geometry.Bounds tile = bobsTile.localToScene(bobsTile.getBoundsInLocal());
            return Math.abs(text.getCenterX() - tile.getCenterX());
        }).get();
        assertThat(offCentre).as("a short name sits in the middle of its tile").isLessThan(2);
        assertThat(heights).as("tiles of one size").allSatisfy(h ->
                assertThat(h).isCloseTo(heights.getFirst(), org.assertj.core.data.Offset.offset(0.5)));
    }

    @Test
    void signingInShowsThatItIsCheckingAndKeepsAMistypedPassword(FxRobot robot) throws Exception {
        runBackground();
        robot.clickOn("#profile-" + LONG_NAME.replaceAll("\\W+", "_"));
        robot.clickOn("#signin-password").write("secrte");
        robot.clickOn("#signin");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-busy").query().isVisible()).as("a spinner while the password is checked").isTrue();
        assertThat(robot.lookup("#signin").query().isDisabled()).isTrue();

        runBackground();
        assertThat(robot.lookup("#start-busy").query().isVisible()).isFalse();
        assertThat(robot.lookup("#start-error").queryLabeled().getText()).contains("Wrong password");
        PasswordField password = robot.lookup("#signin-password").queryAs(PasswordField.class);
        assertThat(password.getText()).as("the typed password stays to be corrected").isEqualTo("secrte");
        assertThat(password.getSelectedText()).isEqualTo("secrte");
    }

    private void runBackground() throws Exception {
        Runnable task;
        while ((task = background.poll()) != null) {
            task.run();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What the label really draws (with "…" when it is cut). */
    private static String shownText(Label label) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> ((Text) label.lookup(".text")).getText()).get();
    }
}
