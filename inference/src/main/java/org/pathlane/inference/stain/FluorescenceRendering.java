package org.pathlane.inference.stain;

import java.util.Arrays;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.model.ColourDeconvolution;
import java.util.Locale;

/**
 * Shows a fluorescence slide to a nuclei model as the brightfield image it would be: the nuclear channel
 * (DAPI or Hoechst: the brightest channel on the tissue) becomes hematoxylin optical density on white.
 * Bright nuclei on a dark background turn into dark blue nuclei on glass, so a brightfield model (the
 * default detector's colour deconvolution) and a one-channel model fed the hematoxylin channel (a
 * fluorescence-trained UNet, which then sees the nuclear signal itself) both get what they were built
 * for, instead of a dark background whose optical density is high everywhere (which made every tile one
 * "nucleus"). The levels are estimated once per slide on its thumbnail (Otsu's split of the nuclear
 * channel over the tissue: the median below it is the background, the median above it a typical nucleus,
 * given a typical hematoxylin density), so every tile is rendered the same way.
 */
public final class FluorescenceRendering implements TileColours {

    /** The hematoxylin colour of the reference staining (optical density per unit of stain, R G B). */
    private static final double[] HEMATOXYLIN = ColourDeconvolution.hematoxylinStain();
    /**
     * Hematoxylin a typical nucleus (the median brightness of the stained pixels) is given, in the units of
     * {@link StainNormaliser}'s reference, whose 99th percentile of nuclear hematoxylin is
     * {@link StainNormaliser#REFERENCE_MAX_H}: what a normalised H&amp;E slide shows the default detector.
     */
    private static final double TYPICAL_OD = 0.6 * StainNormaliser.REFERENCE_MAX_H;
    /** Brighter nuclei get more, up to the reference's densest nuclear stain. */
    private static final double MAX_OD = StainNormaliser.REFERENCE_MAX_H;
    private static final String[] NAMES = {"red", "green", "blue"};

    private final int channel;
    private final double background;
    private final double signal;
    private final int[] lut = new int[256];

    private FluorescenceRendering(int channel, double background, double signal) {
        this.channel = channel;
        this.background = background;
        this.signal = signal;
        for (int v = 0; v < 256; v++) {
            double od = Math.clamp((v - background) / (signal - background) * TYPICAL_OD, 0, MAX_OD);
            int r = (int) Math.round(255 * Math.exp(-od * HEMATOXYLIN[0]));
            int g = (int) Math.round(255 * Math.exp(-od * HEMATOXYLIN[1]));
            int b = (int) Math.round(255 * Math.exp(-od * HEMATOXYLIN[2]));
            lut[v] = 0xff000000 | r << 16 | g << 8 | b;
        }
    }

    /**
     * Estimates the nuclear channel and its levels from a fluorescence thumbnail.
     *
     * @param argb     the thumbnail's pixels
     * @param isTissue which of them are tissue
     */
    public static FluorescenceRendering estimate(int[] argb, boolean[] isTissue) {
        int[][] values = new int[3][];
        int n = 0;
        for (boolean t : isTissue) {
            n += t ? 1 : 0;
        }
        boolean all = n < 100;
        if (all) {
            n = argb.length;
        }
        for (int c = 0; c < 3; c++) {
            values[c] = new int[n];
        }
        int k = 0;
        for (int i = 0; i < argb.length; i++) {
            if (all || isTissue[i]) {
                int p = argb[i];
                values[0][k] = (p >> 16) & 0xff;
                values[1][k] = (p >> 8) & 0xff;
                values[2][k] = p & 0xff;
                k++;
            }
        }
        int best = 2;
        double bestSignal = -1;
        double background = 0;
        double signal = 255;
        for (int c = 0; c < 3; c++) {
            Arrays.sort(values[c]);
            int[] v = values[c];
            // The last value of the lower class (TissueDetector.otsu gives the first of the upper one).
            int threshold = Math.max(0, org.pathlane.inference.tissue.TissueDetector.otsu(v) - 1);
            int split = upperBound(v, threshold);
            double below = split == 0 ? 0 : v[split / 2];
            double above = split == v.length ? 255 : v[split + (v.length - split) / 2];
            if (above - below > bestSignal) {
                bestSignal = above - below;
                best = c;
                background = below;
                signal = Math.max(above, below + 16);
            }
        }
        return new FluorescenceRendering(best, background, Math.min(255, signal));
    }

    /** The index of the first value above {@code t} in sorted values. */
    private static int upperBound(int[] sorted, int t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Renders fluorescence ARGB pixels as brightfield in place (transparent pixels become glass); returns the array. */
    @Override
    public int[] apply(int[] argb) {
        int shift = 16 - 8 * channel;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            argb[i] = (p >>> 24) == 0 ? 0xffffffff : lut[(p >> shift) & 0xff];
        }
        return argb;
    }

    /** The nuclear channel, measured as its 8-bit intensity on the slide's own pixels. */
    @Override
    public PixelChannels measuredAs() {
        return PixelChannels.fluorescence(channel);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "fluorescence: the %s channel (nuclear stain; background %.0f, typical nucleus %.0f)"
                + " rendered as hematoxylin on glass for the model", NAMES[channel], background, signal);
    }
}
