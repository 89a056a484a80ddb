package org.pathlane.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.Models;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.segment.ExportBenchmark;
import org.pathlane.inference.segment.SegmentBenchmark;
import org.pathlane.inference.segment.SegmentationPipeline;
import org.pathlane.inference.segment.SegmentRequest;
import org.pathlane.inference.segment.SegmentSummary;
import org.pathlane.inference.segment.Segmentations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pathlane bench segment}: naive vs stage-by-stage vs pipeline on one slide, in one run. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Times the naive baseline (every tile, one at a time), reading, inference and post-processing"
                + " alone, and the real pipeline on one slide; prints efficiency = slowest stage / pipeline."
                + " With --export-cells N, also (or, without --slide, only) the time to write cells.csv and"
                + " cells.geojson for N synthetic nuclei.")
public final class BenchSegmentCommand implements Callable<Integer> {

    @Mixin
    SegmentOptions options;

    @Option(names = "--naive-tiles", defaultValue = "0", paramLabel = "N",
            description = "Run the naive baseline on N tiles spread over the slide and extrapolate (0 = every tile).")
    int naiveTiles;

    @Option(names = "--export-cells", defaultValue = "0", paramLabel = "N",
            description = "Time writing cells.csv and cells.geojson for N synthetic nuclei (300000: a large slide);"
                    + " without --slide nothing else is run.")
    int exportCells;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (exportCells < 0) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, "--export-cells must be 0 or more, not " + exportCells);
        }
        if (exportCells > 0) {
            exportFigures();
            if (options.slide == null) {
                return 0;
            }
        }
        SegmentRequest request = options.request(Path.of("."), SegmentRequest.DEFAULT_TISSUE_THRESHOLD, true,
                OptionalDouble.empty());
        SegmentBenchmark.Figures f;
        int threads = SegmentationPipeline.inferenceCpuThreads();
        try (SegmentationModel onnx = Models.open(ModelLoader.load(options.model), request.device(), threads, request.engine());
             SegmentationModel plain = Models.open(ModelLoader.load(options.model), request.device(), 0, request.engine())) {
            f = SegmentBenchmark.run(Segmentations.standard(), request, onnx, plain, naiveTiles);
        } catch (ModelException e) {
            throw new CliException(SegmentCommand.BAD_MODEL, e.getMessage());
        } catch (IOException e) {
            throw new CliException(SegmentCommand.BAD_SLIDE, e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.printf("slide       %s%s%n", options.slide, options.region == null ? "" : " region " + options.region);
        out.printf("model       %s (%s) on %s, tile %d + halo %d, batch %d%n", options.model,
                Models.choose(ModelLoader.load(options.model), request.engine()).id(), f.device(), options.tile, options.halo,
                options.batch);
        out.printf("threads     inference %d of %d cores in the pipeline and its stages; ONNX Runtime's default"
                + " (every core) in the naive baseline%n", threads, Runtime.getRuntime().availableProcessors());
        out.printf("tiles       %d in all, %d with tissue; %d nuclei%n", f.tilesAll(), f.tilesTissue(), f.cells());
        out.printf("naive       %8.2f s  (%d tiles one at a time%s; after %d warm-up tiles)%n", f.naive(), f.tilesAll(),
                f.naiveExtrapolated() ? ", extrapolated from " + f.naiveTilesMeasured() + " measured" : "",
                SegmentBenchmark.WARM_UP_TILES);
        out.printf("read-only   %8.2f s%n", f.readOnly());
        out.printf("infer-only  %8.2f s%n", f.inferOnly());
        out.printf("post-only   %8.2f s%n", f.postOnly());
        out.printf("pipeline    %8.2f s  (%.1fx faster than naive)%n", f.pipeline(), f.naive() / f.pipeline());
        out.printf("efficiency  %8.2f  (slowest stage / pipeline)%n", f.efficiency());
        SegmentSummary in = f.inPipeline();
        out.printf("in pipeline busy s (summed over each stage's threads): tissue %.2f, read %.2f, infer %.2f, post %.2f,"
                + " checkpoint+exports %.2f%n", in.tissue(), in.read(), in.infer(), in.post(), in.write());
        out.printf("load        %s (1-minute load average at the end, %d cores)%n", loadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }

    /** Writes the synthetic nuclei after a warm-up of a tenth as many (at least 20,000) and prints the times. */
    private void exportFigures() {
        ExportBenchmark.Figures f;
        try {
            f = ExportBenchmark.run(exportCells, Math.max(20_000, exportCells / 10));
        } catch (IOException e) {
            throw new CliException(SegmentCommand.BAD_SLIDE, "cannot write the export benchmark's files into the temp"
                    + " folder: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.printf(java.util.Locale.ROOT, "export      %d synthetic nuclei: cells.csv %.2f s (%.1f MB), cells.geojson %.2f s"
                + " (%.1f MB), both %.2f s (%.2f µs per nucleus); CPU %.2f s%n", f.cells(), f.csvSeconds(),
                f.csvBytes() / 1e6, f.geojsonSeconds(), f.geojsonBytes() / 1e6, f.seconds(),
                f.seconds() * 1e6 / Math.max(1, f.cells()), f.cpuSeconds());
        out.printf("load        %s (1-minute load average, %d cores)%n", loadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
    }

    /** The system's 1-minute load average: other work on the same cores skews every figure above. */
    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
    }
}
