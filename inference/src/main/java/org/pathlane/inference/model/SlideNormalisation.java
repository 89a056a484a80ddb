package org.pathlane.inference.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a model's per-sample percentile normalisation ({@code scale_range}, InstanSeg's preprocessing) to
 * a whole slide: the percentiles are taken once over the tissue pixels of its thumbnail, the way QuPath's
 * InstanSeg extension computes them, and every tile then gets that same mapping. Per tile, a tile with a
 * few nuclei on glass would be stretched until its glass looked like tissue.
 */
public final class SlideNormalisation {

    /** Fewer tissue pixels than this and the thumbnail says too little: the tiles keep their own statistics. */
    static final int MIN_PIXELS = 256;

    private SlideNormalisation() {
    }

    /** Whether the model has per-sample statistics to fit to a slide: otherwise its steps apply as they are. */
    public static boolean needed(ModelSpec spec) {
        return spec.preprocessing().stream().anyMatch(p -> p instanceof Preprocessing.ScaleRange);
    }

    /**
     * @param argb   the thumbnail's pixels, as the model's tiles would look (stain rendering applied)
     * @param tissue which of them are tissue; null for all
     * @return the description's steps with each per-sample {@code scale_range} fixed to the slide's values
     */
    public static List<Preprocessing> fit(ModelSpec spec, int[] argb, boolean[] tissue) {
        if (!needed(spec)) {
            return spec.preprocessing();
        }
        int n = 0;
        for (int i = 0; i < argb.length; i++) {
            if (tissue == null || tissue[i]) {
                n++;
            }
        }
        String basis = tissue == null ? "the slide's thumbnail" : "the slide's tissue";
        if (n < MIN_PIXELS && tissue != null) {
            // Glass alone, or a crop from inside tissue: the whole thumbnail is the tissue there is.
            tissue = null;
            n = argb.length;
            basis = "the slide's thumbnail";
        }
        if (n < MIN_PIXELS) {
            return spec.preprocessing();
        }
        int[] kept = new int[n];
        int k = 0;
        for (int i = 0; i < argb.length; i++) {
            if (tissue == null || tissue[i]) {
                kept[k++] = argb[i];
            }
        }
        TensorPacker packer = new TensorPacker(spec, List.of());
        float[] values = packer.channels(kept, n);
        List<Preprocessing> fitted = new ArrayList<>();
        for (Preprocessing step : spec.preprocessing()) {
            Preprocessing use = step instanceof Preprocessing.ScaleRange range
                    ? range.over(values, spec.channels(), n, basis) : step;
            fitted.add(use);
            // Later steps' statistics are taken on what the earlier ones made of the pixels.
            use.apply(values, spec.channels(), n);
        }
        return fitted;
    }
}
