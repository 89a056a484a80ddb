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

    /**
     * Labels one tile.
     *
     * @param buffers this thread's scratch arrays; the returned image is backed by them and stays valid
     *                until they are used for the next tile
     */
    public LabelImage segment(float[] output, int width, int height, PostprocessBuffers buffers) {
        int pixels = width * height;
        buffers.ensure(width, height);
        int[] labels = buffers.labels;
        if (kind == OutputKind.LABELS) {
            for (int i = 0; i < pixels; i++) {
                labels[i] = Math.max(0, Math.round(output[i]));
            }
            return compact(labels, width, height);
        }
        boolean[] mask = buffers.mask;
        boolean any = false;
        for (int i = 0; i < pixels; i++) {
            mask[i] = output[i] > threshold;
            any |= mask[i];
        }
        if (!any) {
            java.util.Arrays.fill(labels, 0, pixels, 0);
            return new LabelImage(labels, width, height, 0);
        }
        DistanceTransform.squared(width, height, buffers);
        SeededWatershed.run(width, height, seedRadius, buffers);
        return compact(labels, width, height);
    }

    /** Drops instances below the minimum area and renumbers the rest in order of first appearance. */
    private LabelImage compact(int[] labels, int width, int height) {
        int pixels = width * height;
        int max = 0;
        for (int i = 0; i < pixels; i++) {
            max = Math.max(max, labels[i]);
        }
        int[] area = new int[max + 1];
        for (int i = 0; i < pixels; i++) {
            area[labels[i]]++;
        }
        int[] map = new int[max + 1];
        java.util.Arrays.fill(map, -1);
        map[0] = 0;
        int next = 0;
        for (int i = 0; i < pixels; i++) {
            int l = labels[i];
            if (map[l] < 0) {
                map[l] = area[l] >= minAreaPx ? ++next : 0;
            }
            labels[i] = map[l];
        }
        return new LabelImage(labels, width, height, next);
    }
}
