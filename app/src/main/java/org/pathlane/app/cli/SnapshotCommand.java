package org.pathlane.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.image.WritableImage;
import org.pathlane.app.viewer.GeoJsonShapes;
import org.pathlane.app.viewer.JavaFxRuntime;
import org.pathlane.app.viewer.SlideTileSource;
import org.pathlane.app.viewer.ViewerSnapshot;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.viewer.overlay.OverlayLayer;
import org.pathlane.viewer.overlay.ShapeLayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pathlane snapshot}: one view of a slide, rendered by the viewer off screen, as a PNG. */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {"Renders one view of a slide through the viewer (no display needed) and writes it as a PNG.",
            "At --zoom 1 without overlays the pixels are the slide's own (as openslide-write-png writes them)."})
public final class SnapshotCommand implements Callable<Integer> {

    static final int MAX_SIZE = 16_384;

    @Option(names = "--slide", required = true, paramLabel = "FILE", description = "The slide to render.")
    Path slide;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--center", paramLabel = "X,Y", description = "Level-0 pixel at the image centre (default: the slide's centre).")
    String center;

    @Option(names = "--zoom", paramLabel = "Z", description = "Output pixels per level-0 pixel, e.g. 1 or 0.25 (default: fit the slide).")
    Double zoom;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1024x768", description = "Image size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--overlay", paramLabel = "GEOJSON", description = "Outlines to draw over the slide, e.g. a job's cells.geojson.")
    Path overlay;

    @Option(names = "--scale-bar", description = "Draw a scale bar (when the slide knows its pixel size).")
    boolean scaleBar;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Give up when the view's tiles take longer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] wh = parseSize(size);
        double[] xy = center == null ? new double[] {Double.NaN, Double.NaN} : parseCenter(center);
        if (zoom != null && !(zoom > 0 && zoom <= 64)) {
            throw new CliException(2, "--zoom must be a number above 0 and at most 64, got " + zoom);
        }
        List<OverlayLayer> layers = new ArrayList<>();
        if (overlay != null) {
            ShapeLayer cells = new ShapeLayer(overlay.getFileName().toString());
            try {
                GeoJsonShapes.read(overlay, 10_000, cells::addAll);
            } catch (IOException e) {
                throw new CliException(1, "cannot read the overlay: " + e.getMessage());
            }
            layers.add(cells);
        }
        JavaFxRuntime.startHeadless();
        try (SlideReader reader = open(slide); SlideTileSource source = new SlideTileSource(reader)) {
            var view = new ViewerSnapshot.View(xy[0], xy[1], zoom == null ? Double.NaN : zoom, wh[0], wh[1], scaleBar);
            WritableImage image;
            try {
                image = ViewerSnapshot.render(source, view, layers, Duration.ofSeconds(timeoutSeconds));
            } catch (IOException e) {
                throw new CliException(1, slide + ": " + e.getMessage());
            }
            if (source.failures() > 0) {
                throw new CliException(1, slide + ": " + source.failures() + " tile(s) of the view could not be read ("
                        + source.firstFailure() + "); no PNG written. Check the file with 'pathlane info'.");
            }
            try {
                ViewerSnapshot.writePng(image, out);
            } catch (IOException e) {
                throw new CliException(1, "cannot write " + out + ": " + e.getMessage());
            }
            spec.commandLine().getOut().printf("%s: %dx%d px of %s%n", out, wh[0], wh[1], slide.getFileName());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    static SlideReader open(Path slide) {
        try {
            return Slides.open(slide);
        } catch (IOException e) {
            throw new CliException(1, e.getMessage());
        }
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w >= 1 && h >= 1 && w <= MAX_SIZE && h <= MAX_SIZE) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(2, "--size must be WIDTHxHEIGHT in pixels, each 1 to " + MAX_SIZE + ", e.g. 1024x768; got '" + text + "'");
    }

    static double[] parseCenter(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                double x = Double.parseDouble(parts[0].trim());
                double y = Double.parseDouble(parts[1].trim());
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    return new double[] {x, y};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(2, "--center must be X,Y in level-0 pixels, e.g. 12000,8000; got '" + text + "'");
    }
}
