package org.pathlane.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.segment.SegmentRequest;
import picocli.CommandLine.Option;

/** The slide, model and tiling options shared by {@code pathlane segment} and {@code pathlane bench segment}. */
final class SegmentOptions {

    /** Checked in {@link #request} rather than by picocli: {@code bench segment --export-cells} needs no slide. */
    @Option(names = "--slide", paramLabel = "FILE", description = "The slide (OpenSlide formats, PNG, JPEG, TIFF).")
    Path slide;

    @Option(names = "--model", defaultValue = "default", paramLabel = "default|PATH",
            description = "Bundled model, or a bioimage.io model folder/zip/description or .onnx with model.json (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
            description = "auto tries CUDA and falls back to the CPU (default: ${DEFAULT-VALUE}).")
    String device;

    @picocli.CommandLine.Mixin
    EngineOption engine = new EngineOption();

    @Option(names = "--tile", defaultValue = "" + SegmentRequest.DEFAULT_TILE, description = "Tile core in model pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--halo", defaultValue = "" + SegmentRequest.DEFAULT_HALO, description = "Halo on each side in model pixels (default: ${DEFAULT-VALUE}).")
    int halo;

    @Option(names = "--batch", defaultValue = "" + SegmentRequest.DEFAULT_BATCH, description = "Tiles per inference call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--region", paramLabel = "X,Y,W,H", description = "Only this level-0 rectangle.")
    String region;

    /** The request these options describe; a bad value is a one-line usage error (exit 2). */
    SegmentRequest request(Path out, double tissueThreshold, boolean tissue, OptionalDouble mpp) {
        if (slide == null) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, "Missing required option: '--slide=FILE'");
        }
        try {
            return new SegmentRequest(slide, out, model, Device.parse(device), tile, halo, batch,
                    Optional.ofNullable(region).map(SegmentRequest::parseRegion), tissueThreshold, tissue, mpp,
                    engine.engine());
        } catch (IllegalArgumentException e) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, e.getMessage());
        }
    }
}
