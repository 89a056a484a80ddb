package org.pathlane.inference.postprocess;

import java.util.ArrayList;
import java.util.List;
import org.pathlane.inference.model.ColourDeconvolution;

/** Measures the instances of a label image: outline, centroid, size, mean hematoxylin OD. */
public final class InstanceExtractor {

    /** Which instances to keep, by centroid (tile pixel coordinates): the others are never traced. */
    @FunctionalInterface
    public interface Keep {
        boolean test(double centroidX, double centroidY);
    }

    private InstanceExtractor() {
    }

    /**
     * @param image the tile's labels
     * @param argb  the tile's pixels, same size ({@code 0xAARRGGBB}; transparent pixels have no stain)
     * @param keep  which instances to measure in full
     * @return the kept instances in label order
     */
    public static List<TileInstance> extract(LabelImage image, int[] argb, Keep keep) {
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
        double[] od = new double[n + 1];
        int[] first = new int[n + 1];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < pixels; i++) {
            int l = labels[i];
            if (l == 0) {
                continue;
            }
            sumX[l] += i % w;
            sumY[l] += i / w;
            count[l]++;
            int p = argb[i];
            od[l] += (p >>> 24) == 0 ? 0f : ColourDeconvolution.hematoxylin(p);
            if (first[l] < 0) {
                first[l] = i;
            }
        }
        List<TileInstance> out = new ArrayList<>();
        for (int l = 1; l <= n; l++) {
            if (count[l] == 0) {
                continue;
            }
            double cx = sumX[l] / (double) count[l] + 0.5;
            double cy = sumY[l] / (double) count[l] + 0.5;
            if (!keep.test(cx, cy)) {
                continue;
            }
            double[] ring = ContourTracer.trace(labels, w, image.height(), l, first[l] % w, first[l] / w);
            out.add(new TileInstance(ring, cx, cy, count[l], od[l] / count[l]));
        }
        return out;
    }
}
