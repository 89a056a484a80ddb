package org.pathlane.inference.postprocess;

import java.util.ArrayList;
import java.util.List;

/** Measures every instance of a label image: outline, centroid, size, mean hematoxylin OD. */
public final class InstanceExtractor {

    private InstanceExtractor() {
    }

    /**
     * @param image       the tile's labels
     * @param hematoxylin the tile's hematoxylin OD, same size
     * @return instances in label order
     */
    public static List<TileInstance> extract(LabelImage image, float[] hematoxylin) {
        int n = image.count();
        int w = image.width();
        int[] labels = image.labels();
        long[] sumX = new long[n + 1];
        long[] sumY = new long[n + 1];
        int[] count = new int[n + 1];
        double[] od = new double[n + 1];
        int[] first = new int[n + 1];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l == 0) {
                continue;
            }
            sumX[l] += i % w;
            sumY[l] += i / w;
            count[l]++;
            od[l] += hematoxylin[i];
            if (first[l] < 0) {
                first[l] = i;
            }
        }
        List<TileInstance> out = new ArrayList<>(n);
        for (int l = 1; l <= n; l++) {
            if (count[l] == 0) {
                continue;
            }
            double[] ring = ContourTracer.trace(labels, w, image.height(), l, first[l] % w, first[l] / w);
            out.add(new TileInstance(ring, sumX[l] / (double) count[l] + 0.5, sumY[l] / (double) count[l] + 0.5,
                    count[l], od[l] / count[l]));
        }
        return out;
    }
}
