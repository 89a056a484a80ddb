package org.pathlane.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.segment.ImplausibleResultException;
import org.pathlane.inference.segment.SegmentRequest;
import org.pathlane.inference.segment.SegmentSummary;
import org.pathlane.inference.segment.Segmentation;
import org.pathlane.inference.segment.SegmentationListener;
import org.pathlane.inference.segment.Segmentations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pathlane segment}: segments the nuclei of one slide into a folder of results. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segments every nucleus of a slide: writes cells.geojson, cells.csv, tissue.png, overlay.png and"
                + " summary.json into the output folder. A killed run resumes when started again with the same options.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "2:bad argument", "3:unreadable slide or output folder", "4:unusable model",
            "5:the nuclei found cannot be nuclei (results not written)"})
public final class SegmentCommand implements Callable<Integer> {

    static final int BAD_ARGUMENT = 2;
    static final int BAD_SLIDE = 3;
    static final int BAD_MODEL = 4;
    static final int IMPLAUSIBLE = 5;

    @Mixin
    SegmentOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the results (created).")
    Path out;

    @Option(names = "--tissue-threshold", defaultValue = "0.05", paramLabel = "FRACTION",
            description = "Skip tiles with less tissue than this (default: ${DEFAULT-VALUE}).")
    double tissueThreshold;

    @Option(names = "--no-tissue", description = "Process every tile, tissue or not.")
    boolean noTissue;

    @Option(names = "--mpp", paramLabel = "MICRONS", description = "Microns per level-0 pixel, overriding (or supplying) the slide's.")
    Double mpp;

    @Spec
    CommandSpec spec;

    SegmentRequest request() {
        return options.request(out, tissueThreshold, !noTissue, mpp == null ? OptionalDouble.empty() : OptionalDouble.of(mpp));
    }

    @Override
    public Integer call() throws InterruptedException {
        var err = spec.commandLine().getErr();
        SegmentSummary summary = run(Segmentations.standard(), request(), new SegmentationListener() {
            private long shown = -1;

            @Override
            public void progress(long done, long total) {
                long percent = total == 0 ? 100 : done * 100 / total;
                if (percent != shown) {
                    shown = percent;
                    err.printf("segment: %d%% (%d of %d tissue tiles)%n", percent, done, total);
                    err.flush();
                }
            }
        });
        summary.warnings().forEach(w -> err.printf("pathlane segment: warning: %s%n", w));
        err.flush();
        var o = spec.commandLine().getOut();
        o.printf("%s: %d nuclei in %d tissue tiles of %d (%d skipped), device %s, %.1f s%n", summary.slide(),
                summary.cells(), summary.tilesTissue(), summary.tilesTotal(), summary.tilesSkipped(), summary.device(),
                summary.total());
        o.printf("results in %s%n", out.toAbsolutePath());
        o.flush();
        return 0;
    }

    /** Runs a request, turning failures into one-line errors with the exit codes above. */
    static SegmentSummary run(Segmentation segmentation, SegmentRequest request, SegmentationListener listener)
            throws InterruptedException {
        try {
            return segmentation.run(request, listener);
        } catch (ModelException e) {
            throw new CliException(BAD_MODEL, e.getMessage());
        } catch (ImplausibleResultException e) {
            throw new CliException(IMPLAUSIBLE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(BAD_ARGUMENT, e.getMessage());
        } catch (IOException e) {
            throw new CliException(BAD_SLIDE, e.getMessage());
        }
    }
}
