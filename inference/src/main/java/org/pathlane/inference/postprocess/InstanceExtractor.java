package org.pathlane.inference.postprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.measure.SlidePixels;
import org.pathlane.inference.model.ColourDeconvolution;

/**
 * Measures the instances of a label image: outline, centroid, size, and the intensity statistics of their
 * pixels (hematoxylin and eosin optical density, or the nuclear channel of a fluorescence slide). Only the
 * instances kept are traced and measured.
 */
public final class InstanceExtractor {

    /** Which instances to keep, by centroid (tile pixel coordinates): the others are never traced. */
    @FunctionalInterface
    public interface Keep {
        boolean test(double centroidX, double centroidY);
    }

    private InstanceExtractor() {
    }

    /**
     * Measures the tile's pixels as they are, with the standard H&amp;E stain vectors.
     *
     * @param image the tile's labels
     * @param argb  the tile's pixels, same size ({@code 0xAARRGGBB}; transparent pixels have no stain)
     * @param keep  which instances to measure in full
     * @return the kept instances in label order
     */
    public static List<TileInstance> extract(LabelImage image, int[] argb, Keep keep) {
        return extract(image, argb, new SlidePixels(argb, PixelChannels.standardHE()), keep);
    }

    /**
     * @param image the tile's labels
     * @param shown the tile's pixels as the model saw them; on fluorescence their hematoxylin is the
     *              nucleus's {@link TileInstance#meanOd} (brightfield takes it from the slide's pixels)
     * @param slide the tile's pixels as the slide has them, what the intensities are measured on
     * @param keep  which instances to measure in full
     * @return the kept instances in label order
     */
    public static List<TileInstance> extract(LabelImage image, int[] shown, SlidePixels slide, Keep keep) {
        int n = image.count();
        if (n == 0) {
            return List.of();
        }
        int w = image.width();
        int pixels = w * image.height();
        int[] labels = image.labels();
        long[] sumX = new long[n + 1];
        long[] sumY = new long[n + 1];
        int[] count = new int[n + 1];
        int[] first = new int[n + 1];
        Arrays.fill(first, -1);
        for (int i = 0; i < pixels; i++) {
            int l = labels[i];
            if (l == 0) {
                continue;
            }
            sumX[l] += i % w;
            sumY[l] += i / w;
            count[l]++;
            if (first[l] < 0) {
                first[l] = i;
            }
        }
        // Kept instances get a slot 0..k-1; halo instances (most of a tile's edge) are never measured.
        int[] slot = new int[n + 1];
        int kept = 0;
        for (int l = 1; l <= n; l++) {
            slot[l] = count[l] > 0 && keep.test(centroid(sumX[l], count[l]), centroid(sumY[l], count[l])) ? kept++ : -1;
        }
        if (kept == 0) {
            return List.of();
        }
        Intensities stats = Intensities.measure(labels, pixels, slot, kept, shown, slide);
        List<TileInstance> out = new ArrayList<>(kept);
        for (int l = 1; l <= n; l++) {
            if (slot[l] < 0) {
                continue;
            }
            double[] ring = ContourTracer.trace(labels, w, image.height(), l, first[l] % w, first[l] / w);
            int s = slot[l];
            out.add(new TileInstance(ring, centroid(sumX[l], count[l]), centroid(sumY[l], count[l]), count[l],
                    stats.meanOd(s), stats.of(s)));
        }
        return out;
    }

    private static double centroid(long sum, int count) {
        return sum / (double) count + 0.5;
    }

    /** Sums, sums of squares, minima and maxima per kept instance and channel, in one pass over the pixels. */
    private static final class Intensities {

        private final int channels;
        private final int[] count;
        private final double[] sum;
        private final double[] squares;
        private final float[] min;
        private final float[] max;
        /** Hematoxylin of the model's pixels, for the legacy mean of fluorescence slides. */
        private final double[] shownOd;

        private Intensities(int kept, int channels, boolean shownOd) {
            this.channels = channels;
            this.count = new int[kept];
            this.sum = new double[kept * channels];
            this.squares = new double[kept * channels];
            this.min = new float[kept * channels];
            this.max = new float[kept * channels];
            Arrays.fill(min, Float.POSITIVE_INFINITY);
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            this.shownOd = shownOd ? new double[kept] : null;
        }

        static Intensities measure(int[] labels, int pixels, int[] slot, int kept, int[] shown, SlidePixels slide) {
            PixelChannels channels = slide.channels();
            int[] argb = slide.argb();
            boolean brightfield = channels.kind() == PixelChannels.Kind.BRIGHTFIELD;
            Intensities s = new Intensities(kept, channels.channels(), !brightfield);
            for (int i = 0; i < pixels; i++) {
                int l = labels[i];
                if (l == 0 || slot[l] < 0) {
                    continue;
                }
                int k = slot[l];
                s.count[k]++;
                int p = argb[i];
                if (brightfield) {
                    s.add(2 * k, channels.hematoxylin(p));
                    s.add(2 * k + 1, channels.eosin(p));
                } else {
                    s.add(k, channels.intensity(p));
                    int q = shown[i];
                    s.shownOd[k] += (q >>> 24) == 0 ? 0f : ColourDeconvolution.hematoxylin(q);
                }
            }
            return s;
        }

        private void add(int at, float v) {
            sum[at] += v;
            squares[at] += (double) v * v;
            if (v < min[at]) {
                min[at] = v;
            }
            if (v > max[at]) {
                max[at] = v;
            }
        }

        /** Mean, std dev (of the pixels: divided by n), min, max per channel. */
        double[] of(int k) {
            double[] out = new double[channels * PixelChannels.STATISTICS];
            int n = count[k];
            for (int c = 0; c < channels; c++) {
                int at = k * channels + c;
                double mean = sum[at] / n;
                double variance = Math.max(0, squares[at] / n - mean * mean);
                out[4 * c] = mean;
                out[4 * c + 1] = Math.sqrt(variance);
                out[4 * c + 2] = min[at];
                out[4 * c + 3] = max[at];
            }
            return out;
        }

        /** Mean hematoxylin OD: the slide's on brightfield, the model's rendering on fluorescence. */
        double meanOd(int k) {
            return shownOd == null ? sum[k * channels] / count[k] : shownOd[k] / count[k];
        }
    }
}
