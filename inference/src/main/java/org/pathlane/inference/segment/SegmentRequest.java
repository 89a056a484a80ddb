package org.pathlane.inference.segment;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;

/**
 * What to segment and how, as {@code pathlane segment} and the {@code segment} job take it.
 *
 * @param slide           the slide file
 * @param out             the folder for results (and the checkpoint while running)
 * @param model           {@code default} or a model path
 * @param device          auto, cpu or cuda
 * @param tile            core size in model pixels
 * @param halo            halo in model pixels
 * @param batch           tiles per inference call (dynamic-batch models)
 * @param region          x, y, w, h in level-0 pixels, or empty for the whole slide
 * @param tissueThreshold minimum tissue fraction of a tile
 * @param useTissue       false to process every tile (no tissue detection filter)
 * @param mpp             microns per pixel overriding (or supplying) the slide's
 * @param engine          which inference engine runs the model's weights (auto: ONNX when it has them)
 */
public record SegmentRequest(Path slide, Path out, String model, Device device, int tile, int halo, int batch,
        Optional<long[]> region, double tissueThreshold, boolean useTissue, OptionalDouble mpp, ModelEngine engine) {

    /** A request whose engine is chosen from the model's weights. */
    public SegmentRequest(Path slide, Path out, String model, Device device, int tile, int halo, int batch,
            Optional<long[]> region, double tissueThreshold, boolean useTissue, OptionalDouble mpp) {
        this(slide, out, model, device, tile, halo, batch, region, tissueThreshold, useTissue, mpp, ModelEngine.AUTO);
    }

    /** The pixel sizes a slide can have, the same range a slide file's own values are believed in. */
    public static final double MIN_MPP = 0.02;
    public static final double MAX_MPP = 10;

    public static final int MIN_TILE = 16;
    /** Larger tiles than this do not fit a model's input in memory on any GPU. */
    public static final int MAX_TILE = 8192;
    public static final int MAX_HALO = 1024;
    public static final int MAX_BATCH = 256;
    public static final int DEFAULT_TILE = 512;
    public static final int DEFAULT_HALO = 64;
    public static final int DEFAULT_BATCH = 8;
    public static final double DEFAULT_TISSUE_THRESHOLD = 0.05;

    public SegmentRequest {
        java.util.Objects.requireNonNull(engine, "engine");
        if (tile < MIN_TILE) {
            throw new IllegalArgumentException("tile must be at least " + MIN_TILE + " pixels, got " + tile);
        }
        if (tile > MAX_TILE) {
            throw new IllegalArgumentException("tile must be at most " + MAX_TILE + " pixels, got " + tile);
        }
        if (halo < 0 || halo > MAX_HALO) {
            throw new IllegalArgumentException("halo must be 0 to " + MAX_HALO + " pixels, got " + halo);
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch must be 1 to " + MAX_BATCH + " tiles, got " + batch);
        }
        if (tissueThreshold < 0 || tissueThreshold > 1) {
            throw new IllegalArgumentException("tissue threshold must be between 0 and 1, got " + tissueThreshold);
        }
        if (mpp.isPresent() && !(mpp.getAsDouble() >= MIN_MPP && mpp.getAsDouble() <= MAX_MPP)) {
            // 1000 µm/px planned a thousandfold upsampling: millions of tiles, a run that never ends.
            throw new IllegalArgumentException("--mpp must be the microns per level-0 pixel of a microscope slide, "
                    + MIN_MPP + " to " + (int) MAX_MPP + ", got " + BigDecimal.valueOf(mpp.getAsDouble()).stripTrailingZeros()
                    .toPlainString());
        }
        region.ifPresent(r -> {
            if (r.length != 4 || r[0] < 0 || r[1] < 0 || r[2] <= 0 || r[3] <= 0) {
                throw new IllegalArgumentException("region must be X,Y,W,H with X,Y ≥ 0 and W,H > 0");
            }
        });
    }

    public static SegmentRequest defaults(Path slide, Path out) {
        return new SegmentRequest(slide, out, "default", Device.AUTO, DEFAULT_TILE, DEFAULT_HALO, DEFAULT_BATCH,
                Optional.empty(), DEFAULT_TISSUE_THRESHOLD, true, OptionalDouble.empty());
    }

    /** Parses {@code X,Y,W,H} (level-0 pixels). */
    public static long[] parseRegion(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("region '" + text + "' must be X,Y,W,H in level-0 pixels");
        }
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            try {
                r[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("region '" + text + "': '" + parts[i] + "' is not a whole number");
            }
        }
        return r;
    }
}
