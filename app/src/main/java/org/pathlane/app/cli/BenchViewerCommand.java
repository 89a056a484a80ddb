package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathlane.app.viewer.JavaFxRuntime;
import org.pathlane.app.viewer.SlideTileSource;
import org.pathlane.app.viewer.SyntheticNuclei;
import org.pathlane.app.viewer.ViewerBenchmark;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.viewer.Viewport;
import org.pathlane.viewer.overlay.OverlayShape;
import org.pathlane.viewer.tile.TileCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pathlane bench viewer}: frame times from cache and uncached tile latency along a scripted path. */
@Command(name = "viewer",
        mixinStandardHelpOptions = true,
        description = {"Pans and zooms the viewer along a scripted path over a slide with synthetic nuclei overlaid,",
            "then prints uncached tile latency and frame times from cache (p50/p95/max).",
            "Goals: frame <= 16 ms p95 from cache, uncached tile <= 50 ms p95.",
            "Large slide: /work/shared/tools/make-bench-slide /tmp/bench/mosaic.svs"})
public final class BenchViewerCommand implements Callable<Integer> {

    @Option(names = "--slide", required = true, paramLabel = "FILE", description = "The slide, e.g. the 31k x 30k benchmark mosaic.")
    Path slide;

    @Option(names = "--nuclei", paramLabel = "N", defaultValue = "200000", description = "Synthetic nuclei on the tissue (default: ${DEFAULT-VALUE}).")
    int nuclei;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x800", description = "View size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--threads", paramLabel = "N", description = "Tile reading threads (default: one per core, at least 2).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] wh = SnapshotCommand.parseSize(size);
        if (nuclei < 0 || nuclei > 5_000_000) {
            throw new CliException(2, "--nuclei must be 0 to 5000000, got " + nuclei);
        }
        int readers = threads == null ? Math.max(2, Runtime.getRuntime().availableProcessors()) : threads;
        if (readers < 1 || readers > 64) {
            throw new CliException(2, "--threads must be 1 to 64, got " + readers);
        }
        PrintWriter out = spec.commandLine().getOut();
        JavaFxRuntime.startHeadlessWithoutDisplay();
        try (SlideReader reader = SnapshotCommand.open(slide); SlideTileSource source = new SlideTileSource(reader, readers)) {
            SlideLevel full = reader.levels().get(0);
            List<OverlayShape> cells = SyntheticNuclei.inTissue(reader, nuclei, 6);
            double cx = full.width() / 2.0;
            double cy = full.height() / 2.0;
            OverlayShape focus = cells.stream()
                    .min(Comparator.comparingDouble(s -> Math.hypot(s.centerX() - cx, s.centerY() - cy)))
                    .orElse(OverlayShape.polygon((float) cx, (float) cy, (float) cx + 1, (float) cy, (float) cx, (float) cy + 1));
            List<Viewport> path = ViewerBenchmark.path(full.width(), full.height(), wh[0], wh[1], focus.centerX(), focus.centerY());
            TileCache cache = TileCache.ofHeapShare(0.5);
            out.printf("bench viewer: %s, %dx%d px, %d levels, %d px tiles, %d nuclei, view %dx%d, %d reading threads, "
                            + "cache %d MiB, JavaFX %s/%s%n",
                    slide.getFileName(), full.width(), full.height(), reader.levels().size(), source.tileSize(), cells.size(),
                    wh[0], wh[1], readers, cache.maxBytes() >> 20, System.getProperty("glass.platform", "desktop"),
                    System.getProperty("prism.order", "default"));
            out.printf("path: %d frames (fit -> 1:1 on tissue -> pan -> 1/4 -> pan -> fit)%n", path.size());
            out.flush();

            ViewerBenchmark.Result r = ViewerBenchmark.run(source, cells, path, wh[0], wh[1], cache);

            out.printf("uncached tile latency: %d tiles read, p50 %.1f ms, p95 %.1f ms, max %.1f ms (goal p95 <= 50 ms: %s)%n",
                    r.tileLatency().count(), r.tileLatency().percentile(0.5), r.tileLatency().percentile(0.95),
                    r.tileLatency().max(), r.tileLatency().percentile(0.95) <= 50 ? "met" : "missed");
            out.printf("frame from cache, paint on the FX thread: p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
                    r.paint().percentile(0.5), r.paint().percentile(0.95), r.paint().max());
            out.printf("frame from cache, paint + render (wall): p50 %.2f ms, p95 %.2f ms, max %.2f ms (goal p95 <= 16 ms: %s)%n",
                    r.frame().percentile(0.5), r.frame().percentile(0.95), r.frame().max(),
                    r.frame().percentile(0.95) <= 16 ? "met" : "missed");
            out.printf("frame from cache, CPU time of paint + render (FX and renderer threads): p50 %.2f ms, p95 %.2f ms, max %.2f ms "
                            + "(goal p95 <= 16 ms: %s)%n",
                    r.frameCpu().percentile(0.5), r.frameCpu().percentile(0.95), r.frameCpu().max(),
                    r.frameCpu().percentile(0.95) <= 16 ? "met" : "missed");
            out.printf("smooth frame once the view stops (%d views), CPU time: p50 %.2f ms, max %.2f ms%n",
                    r.settledCpu().count(), r.settledCpu().percentile(0.5), r.settledCpu().max());
            r.cpuByOverlayStyle().forEach((style, f) -> out.printf(
                    "  frames with the nuclei drawn as %s: %d, CPU p50 %.2f ms, p95 %.2f ms%n",
                    style, f.count(), f.percentile(0.5), f.percentile(0.95)));
            out.printf("frames missing tiles from cache: %d of %d; cache holds %d MiB%n",
                    r.framesMissingTiles(), r.frames(), r.cacheBytes() >> 20);
            out.flush();
        }
        return 0;
    }
}
