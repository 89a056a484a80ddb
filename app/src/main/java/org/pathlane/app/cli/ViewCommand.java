package org.pathlane.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.pathlane.app.viewer.GeoJsonShapes;
import org.pathlane.app.viewer.JavaFxRuntime;
import org.pathlane.app.viewer.SlideTileSource;
import org.pathlane.app.viewer.SyntheticNuclei;
import org.pathlane.app.viewer.ThumbnailTissue;
import org.pathlane.app.viewer.ViewerWindow;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.viewer.overlay.ImageLayer;
import org.pathlane.viewer.overlay.OverlayShape;
import org.pathlane.viewer.overlay.ShapeLayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pathlane view}: the viewer in a window of its own, to look at a slide and its overlays. */
@Command(name = "view",
        mixinStandardHelpOptions = true,
        description = {"Opens a slide in the viewer (needs a display). Drag to pan, scroll to zoom, double-click to zoom in,",
            "arrows pan, +/- zoom, 0 fits, 1 shows one slide pixel per screen pixel; drag the overview's rectangle."})
public final class ViewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SLIDE", description = "The slide to open.")
    Path slide;

    @Option(names = "--overlay", paramLabel = "GEOJSON", description = "Outlines to show, e.g. a job's cells.geojson.")
    Path overlay;

    @Option(names = "--center", paramLabel = "X,Y", description = "Level-0 pixel to start at (default: the slide's centre).")
    String center;

    @Option(names = "--zoom", paramLabel = "Z", description = "Screen pixels per level-0 pixel to start at (default: fit the slide).")
    Double zoom;

    @Option(names = "--tissue", description = "Show a quick tissue mask (from the thumbnail) as a layer.")
    boolean tissue;

    @Option(names = "--demo-nuclei", paramLabel = "N", description = "Stream N synthetic nuclei onto the tissue, as a running job would.")
    int demoNuclei;

    @Override
    public Integer call() throws Exception {
        if (!JavaFxRuntime.hasDisplay()) {
            throw new CliException(1, "no display to open a window on (use 'pathlane snapshot' to render a view to a PNG)");
        }
        JavaFxRuntime.startHeadlessWithoutDisplay();
        try (SlideReader reader = SnapshotCommand.open(slide); SlideTileSource source = new SlideTileSource(reader)) {
            CountDownLatch closed = new CountDownLatch(1);
            ShapeLayer cells = new ShapeLayer(overlay != null ? overlay.getFileName().toString() : "nuclei");
            ViewerWindow window = JavaFxRuntime.onFx(() -> {
                ViewerWindow w = new ViewerWindow(new Stage(), slide.getFileName() + " - PathLane", source);
                if (overlay != null || demoNuclei > 0) {
                    w.viewer().getLayers().add(cells);
                }
                if (center != null) {
                    double[] xy = SnapshotCommand.parseCenter(center);
                    w.viewer().setCenter(xy[0], xy[1]);
                }
                if (zoom != null) {
                    w.viewer().setZoom(w.viewer().clampZoom(zoom));
                }
                w.stage().setOnHidden(e -> closed.countDown());
                w.stage().show();
                return w;
            });
            if (overlay != null) {
                GeoJsonShapes.read(overlay, 2_000, cells::addAll);
            }
            if (tissue || demoNuclei > 0) {
                ThumbnailTissue thumb = ThumbnailTissue.of(reader);
                if (tissue) {
                    Platform.runLater(() -> window.viewer().getLayers().add(0, ImageLayer.mask("tissue", thumb.mask(),
                            thumb.width(), thumb.height(), thumb.downsample(), Color.rgb(255, 200, 0, 0.25))));
                }
                List<OverlayShape> nuclei = SyntheticNuclei.inTissue(thumb, reader.levels().get(0), demoNuclei, 6);
                for (int i = 0; i < nuclei.size(); i += 500) {
                    cells.addAll(nuclei.subList(i, Math.min(nuclei.size(), i + 500)));
                }
            }
            closed.await();
        }
        return 0;
    }
}
