package org.pathlane.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.pathlane.inference.accuracy.AnnotatedFolder;
import org.pathlane.inference.accuracy.InstanceMatching;
import org.pathlane.inference.accuracy.InstanceMatching.Score;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.Models;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.segment.AccuracyBenchmark;
import org.pathlane.inference.segment.AccuracyBenchmark.ImageResult;
import org.pathlane.inference.segment.SegmentRequest;
import org.pathlane.inference.segment.SegmentationPipeline;
import org.pathlane.inference.segment.Segmentations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pathlane bench accuracy}: instance F1 at IoU 0.5 of a model on a folder of annotated images. */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Segments each <name>.png of a folder as one region (as segment does a slide) and scores its"
                + " nuclei against <name>_labels.png: matched one to one at IoU >= 0.5, greedy by IoU. Prints per"
                + " image F1, precision, recall and the mean IoU of matches, then the mean F1 over images and the"
                + " pooled figures, for all images and for the train (even positions in name order) and validation"
                + " (odd positions) halves.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "2:bad argument, or a folder without image/label pairs or with an unreadable file",
            "4:unusable model"})
public final class BenchAccuracyCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Folder of <name>.png images, each with a <name>_labels.png label mask (16- or 8-bit grey).")
    Path data;

    @Option(names = "--model", defaultValue = "default", paramLabel = "default|PATH",
            description = "Bundled model, or a bioimage.io model folder/zip/description or .onnx with model.json (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--mpp", paramLabel = "MICRONS",
            description = "Microns per pixel of the images; without it, an image's own, or the model's pixel size when it"
                    + " has none (as segment assumes), said on the output.")
    Double mpp;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
            description = "auto tries CUDA and falls back to the CPU (default: ${DEFAULT-VALUE}).")
    String device;

    @picocli.CommandLine.Mixin
    EngineOption engine = new EngineOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OptionalDouble scale = mpp == null ? OptionalDouble.empty() : OptionalDouble.of(mpp);
        if (mpp != null && !(mpp >= SegmentRequest.MIN_MPP && mpp <= SegmentRequest.MAX_MPP)) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, "--mpp must be " + SegmentRequest.MIN_MPP + " to "
                    + (int) SegmentRequest.MAX_MPP + " microns per pixel, got " + mpp);
        }
        Device chosen;
        ModelEngine chosenEngine;
        try {
            chosen = Device.parse(device);
            chosenEngine = engine.engine();
        } catch (IllegalArgumentException e) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, e.getMessage());
        }
        List<AnnotatedFolder.Item> items;
        try {
            items = AnnotatedFolder.list(data);
        } catch (IOException e) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ImageResult> results;
        try (SegmentationModel onnx = Models.open(ModelLoader.load(model), chosen, SegmentationPipeline.inferenceCpuThreads(),
                chosenEngine)) {
            out.printf("data     %s: %d annotated images%n", data, items.size());
            out.printf("model    %s (%s µm/px) in %s on %s%n", onnx.spec().name(), fmt(onnx.spec().pixelSize(), 3),
                    onnx.engine().id(), onnx.device());
            out.printf("match    one to one at IoU >= %.1f, greedy by decreasing IoU (above 0.5 the only possible"
                    + " match); each image segmented whole as one slide region, every tile, halo %d%n",
                    InstanceMatching.MIN_IOU, SegmentRequest.DEFAULT_HALO);
            out.printf("%-6s %-6s %-6s %-6s %6s %6s %6s  %-5s  %s%n", "F1", "prec", "recall", "mIoU", "truth", "pred",
                    "match", "mpp", "image");
            out.flush();
            results = AccuracyBenchmark.run(Segmentations.standard(), onnx, items, scale, r -> {
                Score s = r.score();
                out.printf("%-6s %-6s %-6s %-6s %6d %6d %6d  %-5s  %s%n", fmt(s.f1(), 3), fmt(s.precision(), 3),
                        fmt(s.recall(), 3), fmt(s.meanIou(), 3), s.truth(), s.predicted(), s.matched(), fmt(r.mpp(), 3),
                        r.name());
                out.flush();
            });
        } catch (ModelException e) {
            throw new CliException(SegmentCommand.BAD_MODEL, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, e.getMessage());
        }
        Set<String> notes = new LinkedHashSet<>();
        results.forEach(r -> notes.add(r.mppNote()));
        out.printf("scale    pixel size from %s%n", String.join("; ", notes));
        long annotated = results.stream().mapToLong(r -> r.score().truth()).sum();
        if (annotated > 0) {
            double meanArea = results.stream().mapToLong(ImageResult::annotatedPixels).sum() / (double) annotated;
            double micronsPerPixel = results.stream().mapToDouble(ImageResult::mpp).average().orElse(Double.NaN);
            out.printf("nuclei   annotated: mean area %.0f px, a disc %s µm across at %s µm/px (nuclei are typically"
                    + " 5-10 µm): a figure far outside that means the pixel size is wrong%n", meanArea,
                    fmt(2 * Math.sqrt(meanArea / Math.PI) * micronsPerPixel, 1), fmt(micronsPerPixel, 3));
        }
        summary(out, "all", results, i -> true);
        summary(out, "train", results, i -> i % 2 == 0);
        summary(out, "valid", results, i -> i % 2 == 1);
        out.flush();
        return 0;
    }

    /** The mean F1 over the images {@code which} picks (by position in name order) and their pooled figures. */
    private static void summary(PrintWriter out, String label, List<ImageResult> results, IntPredicate which) {
        Score pooled = Score.NONE;
        double f1Sum = 0;
        int scored = 0;
        int images = 0;
        for (int i = 0; i < results.size(); i++) {
            if (!which.test(i)) {
                continue;
            }
            images++;
            Score s = results.get(i).score();
            pooled = pooled.plus(s);
            if (!Double.isNaN(s.f1())) {
                f1Sum += s.f1();
                scored++;
            }
        }
        out.printf("%-5s    mean F1 %s over %d images%s | pooled: F1 %s precision %s recall %s mean IoU %s"
                        + " (%d annotated, %d predicted, %d matched)%n", label, fmt(scored == 0 ? Double.NaN : f1Sum / scored, 3),
                images, scored < images ? " (" + (images - scored) + " with no nuclei either side left out)" : "",
                fmt(pooled.f1(), 3), fmt(pooled.precision(), 3), fmt(pooled.recall(), 3), fmt(pooled.meanIou(), 3),
                pooled.truth(), pooled.predicted(), pooled.matched());
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
