package org.pathlane.inference.postprocess;

import org.pathlane.inference.model.OutputKind;
import org.pathlane.inference.model.PostprocessParams;

/**
 * Turns one tile of model output into a label image: for {@code probability}, threshold → distance
 * transform → seeded watershed; for {@code labels}, the labels as given. Instances smaller than the
 * minimum area are dropped and the rest renumbered 1..n in raster order, so equal input gives equal output.
 */
public final class InstanceSegmenter {

    private final OutputKind kind;
    private final float threshold;
    private final int minAreaPx;
    private final int seedRadius;

    /** @param pixelSize microns per pixel of the model's output */
    public InstanceSegmenter(OutputKind kind, PostprocessParams params, double pixelSize) {
        this.kind = kind;
        this.threshold = (float) params.threshold();
        this.minAreaPx = (int) Math.ceil(params.minAreaUm2() / (pixelSize * pixelSize));
        this.seedRadius = Math.max(1, (int) Math.round(params.seedDistanceUm() / pixelSize));
    }

    public LabelImage segment(float[] output, int width, int height) {
        int[] labels;
        if (kind == OutputKind.LABELS) {
            labels = new int[output.length];
            for (int i = 0; i < output.length; i++) {
                labels[i] = Math.max(0, Math.round(output[i]));
            }
        } else {
            boolean[] mask = new boolean[output.length];
            for (int i = 0; i < output.length; i++) {
                mask[i] = output[i] > threshold;
            }
            float[] dist = DistanceTransform.euclidean(mask, width, height);
            labels = SeededWatershed.run(dist, mask, width, height, seedRadius);
        }
        return compact(labels, width, height);
    }

    /** Drops instances below the minimum area and renumbers the rest in order of first appearance. */
    private LabelImage compact(int[] labels, int width, int height) {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        int[] area = new int[max + 1];
        for (int l : labels) {
            area[l]++;
        }
        int[] map = new int[max + 1];
        java.util.Arrays.fill(map, -1);
        map[0] = 0;
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (map[l] < 0) {
                map[l] = area[l] >= minAreaPx ? ++next : 0;
            }
            labels[i] = map[l];
        }
        return new LabelImage(labels, width, height, next);
    }
}
