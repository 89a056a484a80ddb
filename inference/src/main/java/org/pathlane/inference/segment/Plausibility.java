package org.pathlane.inference.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a run's nuclei can be nuclei, whatever the model: their areas at the slide's pixel size, how
 * many of them fill most of a tile, and how much tissue has none. What is doubtful becomes a warning in
 * {@code summary.json}; what is clearly not nuclei fails the run with what to try, instead of a result
 * that ends SUCCEEDED and is believed.
 *
 * <p>The bounds are wide on purpose: human and animal nuclei range from about 10 µm² (a small
 * lymphocyte cut at its edge) to a few hundred µm² (a large tumour cell); the warnings start well outside
 * that, and failure needs the typical (median) nucleus, or a quarter of them, to be impossible.
 */
final class Plausibility {

    /** Below this a "nucleus" is a speck or a pixel size that is wrong by far. */
    static final double TINY_UM2 = 3;
    /** Above this no nucleus is seen at any magnification. */
    static final double HUGE_UM2 = 1_000;
    /** An instance covering this share of a tile's core (and above {@link #HUGE_UM2}) is a tile, not a nucleus. */
    static final double TILE_SHARE = 0.5;
    /** Tissue tiles needed before "no nuclei at all" is worth a warning. */
    static final int PLENTY_OF_TISSUE_TILES = 4;

    private final double pixelArea;
    private float[] areas = new float[1024];
    private int count;
    private int tileSized;
    private int emptyTiles;
    private int tiles;

    private final boolean tissueOnly;

    /** @param mpp microns per level-0 pixel */
    Plausibility(double mpp) {
        this(mpp, true);
    }

    /**
     * @param mpp        microns per level-0 pixel
     * @param tissueOnly false with {@code --no-tissue}: tiles of glass then say nothing about the nuclei
     */
    Plausibility(double mpp, boolean tissueOnly) {
        this.pixelArea = mpp * mpp;
        this.tissueOnly = tissueOnly;
    }

    /** One finished tile's nuclei: {@code areaPx} in level-0 pixels, {@code coreAreaPx} the tile core's. */
    synchronized void tile(double[] areasPx, double coreAreaPx) {
        tiles++;
        if (areasPx.length == 0) {
            emptyTiles++;
        }
        for (double a : areasPx) {
            if (count == areas.length) {
                areas = Arrays.copyOf(areas, areas.length * 2);
            }
            areas[count++] = (float) (a * pixelArea);
            if (a >= TILE_SHARE * coreAreaPx && a * pixelArea > HUGE_UM2) {
                tileSized++;
            }
        }
    }

    /** The verdict on everything seen. */
    synchronized Verdict verdict(String mppSource, double mpp, String model) {
        List<String> warnings = new ArrayList<>();
        String tryThis = " Check the pixel size (" + number(mpp) + " µm/px from " + mppSource + "; --mpp sets it) and"
                + " that the model (" + model + ") fits this kind of slide.";
        if (count == 0) {
            if (tissueOnly && tiles >= PLENTY_OF_TISSUE_TILES) {
                warnings.add("no nuclei found on " + tiles + " tissue tiles." + tryThis);
            }
            return new Verdict(warnings, Optional.empty());
        }
        float[] sorted = Arrays.copyOf(areas, count);
        Arrays.sort(sorted);
        double median = sorted[count / 2];
        long huge = countAbove(sorted, HUGE_UM2);
        long tiny = count - countAbove(sorted, TINY_UM2);
        String failure = null;
        if (median > HUGE_UM2) {
            failure = String.format(Locale.ROOT, "the typical nucleus found is %s µm² (median of %d), and nuclei are"
                    + " 10 to a few hundred µm²: these are not nuclei.", number(median), count) + tryThis;
        } else if (median < TINY_UM2) {
            failure = String.format(Locale.ROOT, "the typical nucleus found is %s µm² (median of %d), far below any"
                    + " nucleus (about 10 µm² and more): these are specks, or the pixel size is wrong.", number(median), count)
                    + tryThis;
        } else if (tileSized * 4 >= count || (tileSized > 0 && tileSized * 4 >= tiles)) {
            failure = String.format(Locale.ROOT, "%d of %d instances each cover at least half a tile: the model marked"
                    + " whole tiles, not nuclei.", tileSized, count) + tryThis;
        }
        if (failure != null) {
            return new Verdict(warnings, Optional.of(failure));
        }
        if (tileSized > 0) {
            warnings.add(tileSized + " instances each cover at least half a tile (not nuclei).");
        }
        if (huge > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d nuclei are larger than %s µm², more than any nucleus.",
                    huge, count, number(HUGE_UM2)));
        }
        if (tiny * 10 >= count) {
            warnings.add(String.format(Locale.ROOT, "%d of %d nuclei are smaller than %s µm² (specks?).", tiny, count,
                    number(TINY_UM2)));
        }
        if (tissueOnly && tiles >= PLENTY_OF_TISSUE_TILES && emptyTiles * 2 > tiles) {
            warnings.add(String.format(Locale.ROOT, "%d of %d tissue tiles have no nuclei.", emptyTiles, tiles));
        }
        return new Verdict(warnings, Optional.empty());
    }

    private static long countAbove(float[] sorted, double limit) {
        int i = Arrays.binarySearch(sorted, (float) limit);
        int firstAbove = i >= 0 ? i + 1 : -i - 1;
        while (i >= 0 && firstAbove < sorted.length && sorted[firstAbove] == (float) limit) {
            firstAbove++;
        }
        return sorted.length - firstAbove;
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    /**
     * @param warnings what a user should look at before believing the result
     * @param failure  why the result is not nuclei at all, when it is not
     */
    record Verdict(List<String> warnings, Optional<String> failure) {
    }
}
