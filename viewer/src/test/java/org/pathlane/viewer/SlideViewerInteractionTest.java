package org.pathlane.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Point2D;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pathlane.viewer.tile.HeldTileSource;
import org.pathlane.viewer.tile.TileCache;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The interactions a user performs with mouse and keyboard, on the headless JavaFX platform. */
@ExtendWith(ApplicationExtension.class)
class SlideViewerInteractionTest {

    private SlideViewer viewer;

    @BeforeAll
    static void useTheJavaFxRobot() {
        System.setProperty("testfx.robot", "glass");
    }

    @Start
    void start(Stage stage) {
        viewer = new SlideViewer(new TileCache(64L << 20));
        viewer.setTileSource(new HeldTileSource("slide", 20_000, 12_000, 256, false,
                0xffddccbb, 0xffccbbaa, 0xffbbaa99, 0xffaa9988, 0xff998877));
        stage.setScene(new Scene(new StackPane(viewer), 640, 480));
        stage.show();
    }

    @BeforeEach
    void startFromAKnownView() {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            viewer.setCenter(10_000, 6_000);
            viewer.setZoom(0.5);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void firstFrameFitsTheSlide() {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setTileSource(new HeldTileSource("other", 4000, 3000, 256, false,
                0xff000000, 0xff111111)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewer.getZoom()).isCloseTo(Math.min(640 / 4000.0, 480 / 3000.0), within(1e-9));
        assertThat(viewer.getCenterX()).isEqualTo(2000);
    }

    @Test
    void aFittedSlideStaysWholeWhenTheViewerResizesAndAMovedViewStaysWhereItIs() throws Exception {
        // The panels around the viewer take 120 px from it, then give them back (the window keeps its size:
        // TestFX shares one stage between test classes).
        double height = viewer.getMaxHeight();
        try {
            WaitForAsyncUtils.waitForAsyncFx(5000, viewer::fit);
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setMaxHeight(viewer.getHeight() - 120));
            WaitForAsyncUtils.waitForFxEvents();
            double refitted = WaitForAsyncUtils.asyncFx(viewer::getZoom).get();
            assertThat(refitted).as("still the whole slide after the resize")
                    .isCloseTo(Math.min(viewer.getWidth() / 20_000, viewer.getHeight() / 12_000), within(1e-9));

            WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setZoom(refitted * 3));
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setMaxHeight(height));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(WaitForAsyncUtils.asyncFx(viewer::getZoom).get()).as("a zoomed view is kept").isEqualTo(refitted * 3);
        } finally {
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setMaxHeight(height));
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void dragPansByExactlyTheDraggedDistance(FxRobot robot) {
        Viewport before = viewer.viewport();
        double ix = before.toImageX(200);
        double iy = before.toImageY(150);
        Point2D from = viewer.localToScreen(200, 150);
        robot.drag(from, MouseButton.PRIMARY).dropTo(from.add(173, -61));
        WaitForAsyncUtils.waitForFxEvents();

        Viewport after = viewer.viewport();
        assertThat(after.zoom()).isEqualTo(before.zoom());
        assertThat(after.toImageX(200 + 173)).isCloseTo(ix, within(1e-6));
        assertThat(after.toImageY(150 - 61)).isCloseTo(iy, within(1e-6));
    }

    @Test
    void scrollZoomsAroundTheCursor() {
        Viewport before = viewer.viewport();
        double ix = before.toImageX(450);
        double iy = before.toImageY(100);
        // The headless platform's robot reports wheel events at a wrong position, so the wheel is
        // turned by firing the events a real mouse would deliver at (450, 100).
        scroll(450, 100, 3 * 40);

        Viewport after = viewer.viewport();
        assertThat(after.zoom()).isCloseTo(0.5 * Math.pow(ViewerInput.WHEEL_STEP, 3), within(1e-9));
        assertThat(after.toImageX(450)).isCloseTo(ix, within(1e-6));
        assertThat(after.toImageY(100)).isCloseTo(iy, within(1e-6));

        scroll(450, 100, -6 * 40);
        assertThat(viewer.getZoom()).isLessThan(before.zoom());
        assertThat(viewer.viewport().toImageX(450)).isCloseTo(ix, within(1e-6));
        assertThat(viewer.viewport().toImageY(100)).isCloseTo(iy, within(1e-6));
    }

    private void scroll(double x, double y, double deltaY) {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            Point2D screen = viewer.localToScreen(x, y);
            Event.fireEvent(viewer, new ScrollEvent(ScrollEvent.SCROLL, x, y, screen.getX(), screen.getY(),
                    false, false, false, false, false, false, 0, deltaY, 0, deltaY,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void doubleClickZoomsInTwofoldAtThePointer(FxRobot robot) {
        Viewport before = viewer.viewport();
        double ix = before.toImageX(100);
        robot.moveTo(viewer.localToScreen(100, 300)).doubleClickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewer.getZoom()).isCloseTo(1.0, within(1e-9));
        assertThat(viewer.viewport().toImageX(100)).isCloseTo(ix, within(1e-6));
    }

    @Test
    void keyboardPansZoomsFitsAndShowsOneToOne(FxRobot robot) {
        robot.clickOn(viewer);
        WaitForAsyncUtils.waitForFxEvents();
        double x = viewer.getCenterX();
        robot.type(KeyCode.RIGHT);
        assertThat(viewer.getCenterX()).isCloseTo(x + 0.2 * 640 / 0.5, within(1e-6));
        robot.type(KeyCode.LEFT);
        assertThat(viewer.getCenterX()).isCloseTo(x, within(1e-6));
        double y = viewer.getCenterY();
        robot.type(KeyCode.DOWN);
        assertThat(viewer.getCenterY()).isCloseTo(y + 0.2 * 480 / 0.5, within(1e-6));

        robot.type(KeyCode.ADD);
        assertThat(viewer.getZoom()).isCloseTo(0.5 * Math.sqrt(2), within(1e-9));
        robot.type(KeyCode.MINUS);
        robot.type(KeyCode.MINUS);
        assertThat(viewer.getZoom()).isCloseTo(0.5 / Math.sqrt(2), within(1e-9));

        robot.type(KeyCode.DIGIT0);
        assertThat(viewer.getZoom()).isCloseTo(Math.min(640 / 20_000.0, 480 / 12_000.0), within(1e-12));
        assertThat(viewer.getCenterX()).isEqualTo(10_000);

        robot.type(KeyCode.DIGIT1);
        assertThat(viewer.getZoom()).isEqualTo(1.0);
    }

    @Test
    void draggingTheMinimapRectangleMovesTheView(FxRobot robot) {
        Minimap minimap = robot.lookup(".slide-viewer-minimap").queryAs(Minimap.class);
        double scale = minimap.getWidth() / 20_000;
        Point2D rectCentre = minimap.localToScreen(10_000 * scale, 6_000 * scale);
        robot.drag(rectCentre, MouseButton.PRIMARY).dropTo(rectCentre.add(30, 12));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewer.getCenterX()).isCloseTo(10_000 + 30 / scale, within(1 / scale));
        assertThat(viewer.getCenterY()).isCloseTo(6_000 + 12 / scale, within(1 / scale));
        assertThat(viewer.getZoom()).isEqualTo(0.5);
    }

    @Test
    void theMinimapStaysInTheTopRightCornerWhenASlideOfAnotherShapeOpens(FxRobot robot) {
        Minimap minimap = robot.lookup(".slide-viewer-minimap").queryAs(Minimap.class);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setTileSource(new HeldTileSource("tall", 3000, 12_000, 256, false,
                0xff000000, 0xff111111, 0xff222222)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(minimap.getBoundsInParent().getMaxX()).isCloseTo(640 - SlideViewerSkin.MARGIN, within(0.5));

        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setTileSource(new HeldTileSource("wide", 20_000, 5_000, 256, false,
                0xff000000, 0xff111111, 0xff222222)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(minimap.getWidth()).isGreaterThan(100);
        assertThat(minimap.getBoundsInParent().getMaxX()).as("right edge inside the viewer")
                .isCloseTo(640 - SlideViewerSkin.MARGIN, within(0.5));
    }
}
