package org.pathlane.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlane.app.session.WindowPlacement.Box;

/** The window never reopens where its title bar cannot be reached. */
class WindowPlacementTest {

    private static final Box LAPTOP = new Box(0, 0, 1366, 740);
    private static final Box RIGHT_MONITOR = new Box(1366, -200, 1920, 1160);

    @Test
    void theFirstStartFitsTheWindowOnASmallScreen() {
        Box placed = WindowPlacement.place(null, List.of(LAPTOP));
        assertThat(placed.height()).isEqualTo(740);
        assertThat(placed.y()).isEqualTo(0);
        assertThat(placed.x()).isGreaterThanOrEqualTo(0);
        assertThat(placed.x() + placed.width()).isLessThanOrEqualTo(1366);
    }

    @Test
    void aWindowLeftAboveTheScreenComesBackWithItsTitleBarOnIt() {
        Box placed = WindowPlacement.place(new Box(100, -300, 1200, 700), List.of(LAPTOP));
        assertThat(placed).isEqualTo(new Box(100, 0, 1200, 700));
    }

    @Test
    void aWindowOnAMonitorThatIsGoneOpensOnThePrimaryScreen() {
        Box lastTime = new Box(1500, 0, 1600, 900);
        assertThat(WindowPlacement.place(lastTime, List.of(LAPTOP, RIGHT_MONITOR))).isEqualTo(lastTime);
        Box placed = WindowPlacement.place(lastTime, List.of(LAPTOP));
        assertThat(placed.x()).isGreaterThanOrEqualTo(0);
        assertThat(placed.x() + placed.width()).isLessThanOrEqualTo(1366);
        assertThat(placed.y()).isGreaterThanOrEqualTo(0);
        assertThat(placed.y() + placed.height()).isLessThanOrEqualTo(740);
    }

    @Test
    void aWindowHalfOffTheSideOfItsScreenIsMovedBackOntoIt() {
        Box placed = WindowPlacement.place(new Box(-900, 50, 1200, 600), List.of(LAPTOP));
        assertThat(placed).isEqualTo(new Box(0, 50, 1200, 600));
    }

    @Test
    void theWindowsPlaceIsRememberedInTheSettingsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("settings.json");
        assertThat(AppSettings.peekWindow(file)).isNull();
        AppSettings settings = AppSettings.load(file);
        settings.setWindow(new Box(40, 30, 1200, 700));
        settings.save();
        assertThat(AppSettings.peekWindow(file)).isEqualTo(new Box(40, 30, 1200, 700));
        assertThat(AppSettings.load(file).window()).isEqualTo(new Box(40, 30, 1200, 700));
    }
}
