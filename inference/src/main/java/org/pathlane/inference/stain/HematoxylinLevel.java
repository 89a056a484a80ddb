package org.pathlane.inference.stain;

import java.util.Locale;
import org.pathlane.inference.model.ColourDeconvolution;

/**
 * Scales a brightfield image's optical density so that the 99th percentile of its hematoxylin density
 * is {@link #REFERENCE_P99}: the stain concentration of Macenko's normalisation without its estimate of
 * the stain colours. For images with no glass to tell tissue by (a crop from inside tissue), where
 * {@link StainNormaliser} has no tissue to estimate on, and estimating stain colours on every pixel of a
 * purple crop mixes hematoxylin and eosin.
 *
 * <p>Scaling every channel's optical density by one factor keeps the colours' hue in optical density and
 * white white; per channel it is one 256-entry table. Immutable and thread-safe.
 *
 * <p>Measured with {@code pathlane bench accuracy} on the train halves (even positions in name order) of
 * {@code shared/nuclei} at 0.25 µm/px, default model: mean F1 dsb2018 0.217 → 0.43, NuInsSeg spleen
 * 0.330 → 0.34 (validation halves in {@code docs/segmentation.md}). The 99th percentile is the level of
 * the densest nuclei on an image with at least a few percent of nuclei; {@link #REFERENCE_P99} = 1.0 puts
 * the default model's foreground cut (0.6 OD) at 60 % of it. Of the cuts tried (0.3 to 0.7 of the
 * percentile), 0.6 was the best mean of the two halves.
 */
public final class HematoxylinLevel implements TileColours {

    /** Hematoxylin optical density the 99th percentile is scaled to. */
    static final double REFERENCE_P99 = 1.0;
    static final double PERCENTILE = 0.99;
    /** A percentile below this is glass or unstained: the image is left as it is. */
    static final double MIN_P99 = 0.05;

    private static final int BINS = 4096;
    private static final double MAX_OD = 4.0;

    private final int[] table;
    private final double factor;
    private final String description;

    private HematoxylinLevel(double factor, String description) {
        this.factor = factor;
        this.description = description;
        this.table = new int[256];
        for (int i = 0; i < 256; i++) {
            // OD' = factor · OD with OD = -log10((I + 1) / 256), the default model's own optical density.
            table[i] = (int) Math.max(0, Math.min(255, Math.round(256 * Math.pow((i + 1) / 256.0, factor) - 1)));
        }
    }

    /**
     * Estimates the scaling on an image's pixels.
     *
     * @param argb {@code 0xAARRGGBB}; transparent pixels are skipped
     */
    public static HematoxylinLevel estimate(int[] argb) {
        long[] histogram = new long[BINS];
        long n = 0;
        for (int p : argb) {
            if (p >>> 24 == 0) {
                continue;
            }
            double h = ColourDeconvolution.hematoxylin(p);
            histogram[(int) Math.min(BINS - 1, h / MAX_OD * BINS)]++;
            n++;
        }
        double p99 = 0;
        long want = (long) Math.ceil(PERCENTILE * n);
        long seen = 0;
        for (int i = 0; i < BINS && n > 0; i++) {
            seen += histogram[i];
            if (seen >= want) {
                p99 = (i + 0.5) * MAX_OD / BINS;
                break;
            }
        }
        if (p99 < MIN_P99) {
            return new HematoxylinLevel(1.0, String.format(Locale.ROOT,
                    "none: hematoxylin 99th percentile %.3f OD, too faint to scale", p99));
        }
        double factor = REFERENCE_P99 / p99;
        return new HematoxylinLevel(factor, String.format(Locale.ROOT,
                "hematoxylin level: no tissue apart from glass, optical density ×%.2f so the hematoxylin 99th"
                        + " percentile (%.3f OD) is %.1f", factor, p99, REFERENCE_P99));
    }

    /** The optical-density factor (1 when the image is left as it is). */
    public double factor() {
        return factor;
    }

    @Override
    public int[] apply(int[] argb) {
        if (factor == 1.0) {
            return argb;
        }
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            argb[i] = (p & 0xff000000) | (table[(p >> 16) & 0xff] << 16) | (table[(p >> 8) & 0xff] << 8) | table[p & 0xff];
        }
        return argb;
    }

    @Override
    public String description() {
        return description;
    }
}
