package org.pathlane.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pathlane.viewer.overlay.ImageLayer;
import org.pathlane.viewer.overlay.OverlayShape;
import org.pathlane.viewer.overlay.ShapeLayer;
import org.pathlane.viewer.tile.HeldTileSource;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileKey;
import org.pathlane.viewer.tile.TileSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the user sees: fallbacks before tiles arrive, overlays as they stream in, layer toggles. */
@ExtendWith(ApplicationExtension.class)
class SlideViewerPaintingTest {

    private static final int FINE = 0xff2040c0;
    private static final int COARSE = 0xffc03020;
    private static final int GLASS = 0xffdddddd;

    private SlideViewer viewer;
    private HeldTileSource source;

    @BeforeAll
    static void useTheJavaFxRobot() {
        System.setProperty("testfx.robot", "glass");
    }

    @Start
    void start(Stage stage) {
        // Level 0 (blue) is 2048 × 2048; level 1 (red) is one 512 × 512 tile: the thumbnail.
        source = new HeldTileSource("held", 2048, 2048, 512, true, FINE, COARSE);
        viewer = new SlideViewer(new TileCache(64L << 20));
        viewer.setMaxTilesInFlight(8);
        viewer.setMinimapVisible(false);
        viewer.scaleBarVisibleProperty().set(false);
        viewer.setTileSource(source);
        viewer.setCenter(1024, 1024);
        viewer.setZoom(1);
        stage.setScene(new Scene(new StackPane(viewer), 400, 300));
        stage.show();
    }

    @Test
    void drawsTheThumbnailWhileTheFineTilesAreOnTheirWayThenTheFineTiles() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(source.pendingKeys()).as("the thumbnail is asked for first").isNotEmpty();
        assertThat(viewer.viewCompleteProperty().get()).isFalse();
        assertThat(pixel(200, 150)).isEqualTo(viewer.glassColorProperty().get());

        CompletableFuture<Void> complete = WaitForAsyncUtils.asyncFx(viewer::whenViewComplete).get();
        source.release(key -> key.level() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pixel(200, 150)).isEqualTo(Color.web("#c03020"));
        assertThat(complete).isNotDone();
        assertThat(viewer.viewCompleteProperty().get()).isFalse();

        // Level-0 tiles are 512 px; the 400 × 300 view at the centre touches 4 of them.
        assertThat(source.pendingKeys()).hasSize(4).allMatch(key -> key.level() == 0);
        source.release(key -> key.level() == 0);
        complete.get(10, TimeUnit.SECONDS);
        assertThat(pixel(200, 150)).isEqualTo(Color.web("#2040c0"));
        assertThat(pixel(5, 5)).isEqualTo(Color.web("#2040c0"));
        assertThat(viewer.viewCompleteProperty().get()).isTrue();
    }

    @Test
    void asksForTheThumbnailFirstThenFromTheCentreOutwards() throws Exception {
        HeldTileSource one = new HeldTileSource("one-at-a-time", 2048, 2048, 512, true, FINE, COARSE);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            viewer.setMaxTilesInFlight(1);
            viewer.setTileSource(one);
            // The view spans level-0 x 500-900, y 550-850: tiles (0,1) and (1,1); (700, 700) lies in (1,1).
            viewer.setCenter(700, 700);
            viewer.setZoom(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(one.pendingKeys()).containsExactly(new TileKey("one-at-a-time", 1, 0, 0));
        one.release(key -> true);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(one.pendingKeys()).containsExactly(new TileKey("one-at-a-time", 0, 1, 1));
        one.release(key -> true);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(one.pendingKeys()).containsExactly(new TileKey("one-at-a-time", 0, 0, 1));
        one.release(key -> true);
        WaitForAsyncUtils.asyncFx(viewer::whenViewComplete).get().get(10, TimeUnit.SECONDS);
        assertThat(one.totalReads()).isEqualTo(3);
    }

    @Test
    void overlayBatchesAppearAsTheyArriveAndVanishWhenTheLayerIsHidden() throws Exception {
        source.release(key -> true);
        WaitForAsyncUtils.waitForFxEvents();
        source.release(key -> true);
        WaitForAsyncUtils.asyncFx(viewer::whenViewComplete).get().get(10, TimeUnit.SECONDS);
        ShapeLayer cells = new ShapeLayer("cells");
        cells.setColor(Color.LIME);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.getLayers().add(cells));
        // Screen (x, y) shows level-0 (x + 824, y + 874) at this view.
        double ox = 1024 - 200;
        double oy = 1024 - 150;
        Thread segmentation = Thread.ofPlatform().start(() -> cells.addAll(List.of(square(ox + 50, oy + 50, 40))));
        segmentation.join();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isLime(pixel(50, 70))).as("first batch drawn").isTrue();
        assertThat(isLime(pixel(250, 70))).isFalse();

        Thread.ofPlatform().start(() -> cells.addAll(List.of(square(ox + 250, oy + 50, 40), square(ox + 250, oy + 200, 40))))
                .join();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isLime(pixel(250, 70))).as("second batch drawn").isTrue();
        assertThat(isLime(pixel(250, 220))).isTrue();
        assertThat(isLime(pixel(50, 70))).as("first batch still drawn").isTrue();
        assertThat(cells.lastStyle()).isEqualTo(ShapeLayer.Style.OUTLINES);
        assertThat(cells.lastDrawn()).isEqualTo(3);

        WaitForAsyncUtils.waitForAsyncFx(5000, () -> cells.setVisible(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isLime(pixel(50, 70))).isFalse();
        assertThat(pixel(50, 70)).isEqualTo(Color.web("#2040c0"));
    }

    @Test
    void manyShapesFarAwayBecomeMarksAndThenADensityView() throws Exception {
        source.release(key -> true);
        ShapeLayer cells = new ShapeLayer("cells");
        List<OverlayShape> batch = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            batch.add(square((i % 250) * 8, (i / 250) * 10, 6));
        }
        cells.addAll(batch);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.getLayers().add(cells));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cells.lastStyle()).as("at 1:1 only visible outlines are drawn").isEqualTo(ShapeLayer.Style.OUTLINES);
        assertThat(cells.lastDrawn()).isBetween(1000L, 3000L);

        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setZoom(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cells.lastStyle()).as("3 px nuclei are marks").isEqualTo(ShapeLayer.Style.MARKS);

        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setZoom(0.1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cells.lastStyle()).isEqualTo(ShapeLayer.Style.DENSITY);
    }

    @Test
    void oneSetOfNucleiDrawsTheSameWayWhateverTheLayerShowedBeforeAndHoweverItWasBatched() throws Exception {
        source.release(key -> true);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.setZoom(0.5));
        List<OverlayShape> nuclei = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            nuclei.add(square(700 + (i % 20) * 30, 800 + (i / 20) * 30, 6));
        }
        List<OverlayShape> fewLarger = List.of(square(100, 100, 20), square(140, 100, 20));

        // Load GeoJSON: one clean layer, the file in one batch.
        ShapeLayer loaded = new ShapeLayer("loaded");
        loaded.addAll(nuclei);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.getLayers().add(loaded));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(loaded.lastStyle()).as("3 px nuclei are marks").isEqualTo(ShapeLayer.Style.MARKS);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.getLayers().remove(loaded));

        // Show on slide after Watch: the layer showed other outlines first, then the same file in chunks.
        ShapeLayer reused = new ShapeLayer("reused");
        reused.addAll(List.of(square(0, 0, 90), square(200, 0, 90)));
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> viewer.getLayers().add(reused));
        WaitForAsyncUtils.waitForFxEvents();
        reused.clear();
        reused.addAll(nuclei.subList(0, 398));
        reused.addAll(fewLarger);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reused.lastStyle()).as("same nuclei, same zoom: same drawing").isEqualTo(ShapeLayer.Style.MARKS);
    }

    @Test
    void closeUpTheTilesMeetWithoutASeam() throws Exception {
        // A slide whose red rises steeply (8 levels a pixel) across the meeting of two 240-px tiles at x = 480:
        // magnified and smoothed, the row must rise as smoothly there as inside a tile, with no step.
        TileSource ramp = new TileSource() {
            @Override
            public String id() {
                return "ramp";
            }

            @Override
            public List<org.pathlane.viewer.tile.PyramidLevel> levels() {
                return List.of(new org.pathlane.viewer.tile.PyramidLevel(960, 960, 1));
            }

            @Override
            public int tileSize() {
                return 240;
            }

            @Override
            public java.util.OptionalDouble micronsPerPixel() {
                return java.util.OptionalDouble.empty();
            }

            @Override
            public CompletableFuture<org.pathlane.viewer.tile.TilePixels> readTile(TileKey key) {
                int[] argb = new int[240 * 240];
                for (int y = 0; y < 240; y++) {
                    for (int x = 0; x < 240; x++) {
                        int red = Math.clamp(128 + (key.col() * 240 + x - 480) * 8L, 0, 255);
                        argb[y * 240 + x] = 0xff000000 | red << 16 | 0x40 << 8 | 0x80;
                    }
                }
                return CompletableFuture.completedFuture(new org.pathlane.viewer.tile.TilePixels(240, 240, argb));
            }
        };
        List<String> seams = new ArrayList<>();
        for (double zoom : new double[] {2.7, 6.3}) {
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
                viewer.setTileSource(ramp);
                viewer.setCenter(480.37, 480.81);
                viewer.setZoom(zoom);
            });
            WaitForAsyncUtils.asyncFx(viewer::whenViewComplete).get().get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForAsyncFx(5000, viewer::settleNow);
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> viewer.snapshot(null, null)).get(10, TimeUnit.SECONDS);
            int y = 150;
            double perPixel = 8 / zoom;
            for (int x = 1; x < 399; x++) {
                int left = image.getPixelReader().getArgb(x - 1, y) >> 16 & 0xff;
                int here = image.getPixelReader().getArgb(x, y) >> 16 & 0xff;
                if (here < left || here - left > Math.ceil(perPixel) + 1) {
                    seams.add("zoom " + zoom + " x " + x + ": red " + left + " -> " + here);
                }
            }
        }
        assertThat(seams).as("steps where the tiles meet").isEmpty();
    }

    @Test
    void aTissueMaskIsDrawnAtItsOpacity() throws Exception {
        source.release(key -> true);
        WaitForAsyncUtils.waitForFxEvents();
        source.release(key -> true);
        boolean[] mask = new boolean[64 * 64];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 64 < 32;
        }
        // One mask pixel covers 32 × 32 level-0 pixels: the left half of the slide is tissue.
        ImageLayer tissue = ImageLayer.mask("tissue", mask, 64, 64, 32, Color.YELLOW);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            tissue.setOpacity(0.5);
            viewer.getLayers().add(tissue);
        });
        WaitForAsyncUtils.asyncFx(viewer::whenViewComplete).get().get(10, TimeUnit.SECONDS);
        Color left = pixel(100, 150);
        Color right = pixel(300, 150);
        assertThat(right).isEqualTo(Color.web("#2040c0"));
        assertThat(left.getRed()).isCloseTo((0x20 / 255.0 + 1) / 2, org.assertj.core.api.Assertions.within(0.02));
        assertThat(left.getBlue()).isCloseTo((0xc0 / 255.0) / 2, org.assertj.core.api.Assertions.within(0.02));
    }

    private static OverlayShape square(double x, double y, double size) {
        float x0 = (float) x;
        float y0 = (float) y;
        float s = (float) size;
        return OverlayShape.polygon(x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s);
    }

    private static boolean isLime(Color c) {
        return c.getGreen() > 0.6 && c.getRed() < 0.4 && c.getBlue() < 0.5;
    }

    private Color pixel(int x, int y) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> viewer.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        return image.getPixelReader().getColor(x, y);
    }
}
