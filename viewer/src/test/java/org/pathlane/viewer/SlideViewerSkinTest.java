package org.pathlane.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pathlane.viewer.tile.HeldTileSource;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileKey;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The control keeps its state in itself and the skin only listens: a viewer whose skin is replaced (a theme,
 * a custom skin) still completes the views it was asked for, reports tiles to its observer, reads each tile
 * once and reacts to a key once.
 */
@ExtendWith(ApplicationExtension.class)
class SlideViewerSkinTest {

    private SlideViewer viewer;
    private HeldTileSource source;

    @BeforeAll
    static void useTheJavaFxRobot() {
        System.setProperty("testfx.robot", "glass");
    }

    @Start
    void start(Stage stage) {
        source = new HeldTileSource("held", 1024, 1024, 512, true, 0xff2040c0, 0xffc03020);
        viewer = new SlideViewer(new TileCache(64L << 20));
        viewer.setMinimapVisible(false);
        stage.setScene(new Scene(new StackPane(viewer), 400, 300));
        stage.show();
    }

    @Test
    void aViewAskedForBeforeTheSkinIsReplacedIsCompletedByTheNewSkin() throws Exception {
        CompletableFuture<Void> whole = WaitForAsyncUtils.asyncFx(() -> {
            viewer.setTileSource(source);
            viewer.setCenter(512, 512);
            viewer.setZoom(1);
            return viewer.whenViewComplete();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(whole).as("the tiles are still on their way").isNotDone();

        WaitForAsyncUtils.asyncFx(() -> viewer.setSkin(new SlideViewerSkin(viewer))).get();
        releaseUntil(whole);
        assertThat(whole).isDone();
        assertThat(viewer.viewCompleteProperty().get()).isTrue();
    }

    @Test
    void aNewSkinReportsToTheObserverSetBeforeAndTheOldSkinReadsNothingMore() throws Exception {
        Set<TileKey> observed = ConcurrentHashMap.newKeySet();
        WaitForAsyncUtils.asyncFx(() -> {
            viewer.setTileObserver((key, nanos) -> observed.add(key));
            viewer.setSkin(new SlideViewerSkin(viewer));
        }).get();
        CompletableFuture<Void> whole = WaitForAsyncUtils.asyncFx(() -> {
            viewer.setTileSource(source);
            viewer.setCenter(512, 512);
            viewer.setZoom(1);
            return viewer.whenViewComplete();
        }).get();
        releaseUntil(whole);

        List<TileKey> read = List.of(new TileKey("held", 1, 0, 0), new TileKey("held", 0, 0, 0), new TileKey("held", 0, 1, 1));
        for (TileKey key : read) {
            assertThat(source.reads(key)).as("%s read once, by the skin in use", key).isEqualTo(1);
        }
        assertThat(observed).containsAll(read);
    }

    @Test
    void aKeyMovesTheViewOnceAfterTheSkinIsReplaced() throws Exception {
        double[] zooms = WaitForAsyncUtils.asyncFx(() -> {
            viewer.setTileSource(source);
            viewer.setCenter(512, 512);
            viewer.setZoom(1);
            viewer.setSkin(new SlideViewerSkin(viewer));
            viewer.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "+", "+", KeyCode.PLUS, false, false, false, false));
            return new double[] {viewer.getZoom(), viewer.getChildrenUnmodifiable().size()};
        }).get();
        assertThat(zooms[0]).as("+ zooms in one step").isCloseTo(ViewerInput.KEY_STEP, Offset.offset(1e-9));
        assertThat((int) zooms[1]).as("only the new skin's canvas and minimap are children").isEqualTo(2);
    }

    @Test
    void paintAndSettleWorkAfterTheSkinIsReplaced() throws Exception {
        CompletableFuture<Void> whole = WaitForAsyncUtils.asyncFx(() -> {
            viewer.setTileSource(source);
            viewer.setCenter(512, 512);
            viewer.setZoom(1);
            viewer.setSkin(new SlideViewerSkin(viewer));
            return viewer.whenViewComplete();
        }).get();
        releaseUntil(whole);
        boolean completeAfterPaintNow = WaitForAsyncUtils.asyncFx(() -> {
            viewer.settleNow();
            viewer.paintNow();
            return viewer.viewCompleteProperty().get();
        }).get();
        assertThat(completeAfterPaintNow).isTrue();
    }

    @Test
    void aViewerAskedForAViewBeforeItHasASkinCompletesItOnceShown() throws Exception {
        Set<TileKey> observed = ConcurrentHashMap.newKeySet();
        SlideViewer later = WaitForAsyncUtils.asyncFx(() -> new SlideViewer(new TileCache(64L << 20))).get();
        CompletableFuture<Void> whole = WaitForAsyncUtils.asyncFx(() -> {
            later.setTileObserver((key, nanos) -> observed.add(key));
            later.setTileSource(source);
            CompletableFuture<Void> asked = later.whenViewComplete();
            // Without a skin there is nothing to paint or settle yet; neither may fail.
            later.paintNow();
            later.settleNow();
            return asked;
        }).get();
        assertThat(later.getSkin()).isNull();
        WaitForAsyncUtils.asyncFx(() -> ((StackPane) viewer.getParent()).getChildren().setAll(later)).get();
        releaseUntil(whole);
        assertThat(later.viewCompleteProperty().get()).isTrue();
        assertThat(observed).as("the observer set before the skin hears its tiles").isNotEmpty();
    }

    /** Releases the held tiles as the viewer asks for them until the view is whole. */
    private void releaseUntil(CompletableFuture<Void> whole) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            source.release(key -> true);
            WaitForAsyncUtils.waitForFxEvents();
            return whole.isDone();
        });
    }
}
