package org.pathlane.inference.postprocess;

import java.util.Arrays;

/**
 * Splits touching nuclei: seeds are the maxima of the distance transform (at least {@code seedRadius}
 * pixels apart), then a priority flood from the seeds over the foreground, highest distance first
 * (Meyer's watershed on the inverted distance). Ties are broken by pixel index, so the result depends on
 * nothing but the input.
 */
final class SeededWatershed {

    private SeededWatershed() {
    }

    static int[] run(float[] dist, boolean[] mask, int width, int height, int seedRadius) {
        int[] labels = seeds(dist, mask, width, height, seedRadius);
        float max = 0;
        for (float d : dist) {
            max = Math.max(max, d);
        }
        LongHeap heap = new LongHeap(1024);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] > 0) {
                heap.push(key(max, dist[i], i));
            }
        }
        while (!heap.isEmpty()) {
            int p = (int) heap.pop();
            int x = p % width;
            int y = p / width;
            int label = labels[p];
            if (x > 0) {
                visit(p - 1, label, labels, mask, dist, max, heap);
            }
            if (x < width - 1) {
                visit(p + 1, label, labels, mask, dist, max, heap);
            }
            if (y > 0) {
                visit(p - width, label, labels, mask, dist, max, heap);
            }
            if (y < height - 1) {
                visit(p + width, label, labels, mask, dist, max, heap);
            }
        }
        return labels;
    }

    private static void visit(int q, int label, int[] labels, boolean[] mask, float[] dist, float max, LongHeap heap) {
        if (mask[q] && labels[q] == 0) {
            labels[q] = label;
            heap.push(key(max, dist[q], q));
        }
    }

    /** Higher distance pops first; then lower pixel index. Non-negative float bits order like the floats. */
    private static long key(float max, float d, int index) {
        return ((long) Float.floatToIntBits(max - d) << 32) | index;
    }

    /** Plateaus of the distance transform equal to its maximum over a (2r+1)² window, labelled 1..n. */
    private static int[] seeds(float[] dist, boolean[] mask, int width, int height, int r) {
        float[] rowMax = new float[dist.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float m = 0;
                for (int k = Math.max(0, x - r); k <= Math.min(width - 1, x + r); k++) {
                    m = Math.max(m, dist[y * width + k]);
                }
                rowMax[y * width + x] = m;
            }
        }
        boolean[] peak = new boolean[dist.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!mask[i] || dist[i] < 1f) {
                    continue;
                }
                float m = 0;
                for (int k = Math.max(0, y - r); k <= Math.min(height - 1, y + r); k++) {
                    m = Math.max(m, rowMax[k * width + x]);
                }
                peak[i] = dist[i] >= m;
            }
        }
        return ConnectedComponents.label(peak, width, height);
    }

    /** A binary min-heap of longs. */
    private static final class LongHeap {
        private long[] items;
        private int size;

        LongHeap(int capacity) {
            items = new long[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= v) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = v;
        }

        long pop() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top & 0xffffffffL;
        }
    }
}
