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

    /**
     * Plateaus of the distance transform equal to its maximum over a (2r+1)² window, labelled 1..n. The
     * window maximum is separable (rows, then columns) and each pass costs O(1) per pixel whatever r is.
     */
    private static int[] seeds(float[] dist, boolean[] mask, int width, int height, int r) {
        float[] rowMax = new float[dist.length];
        WindowMax rows = new WindowMax(width, r);
        for (int y = 0; y < height; y++) {
            rows.run(dist, y * width, 1, rowMax);
        }
        boolean[] peak = new boolean[dist.length];
        WindowMax columns = new WindowMax(height, r);
        float[] columnMax = new float[dist.length];
        for (int x = 0; x < width; x++) {
            columns.run(rowMax, x, width, columnMax);
        }
        for (int i = 0; i < dist.length; i++) {
            peak[i] = mask[i] && dist[i] >= 1f && dist[i] >= columnMax[i];
        }
        return ConnectedComponents.label(peak, width, height);
    }

    /**
     * The maximum over {@code [i - r, i + r]} (clipped to the line, and never below 0) of every element
     * of a line of {@code n} values, in O(n) by van Herk / Gil-Werman: the line is padded with r zeros at
     * each end and cut into blocks of 2r + 1; a window then covers the tail of one block and the head of
     * the next, whose running maxima are precomputed.
     */
    private static final class WindowMax {
        private final int n;
        private final int r;
        private final float[] padded;
        private final float[] head;
        private final float[] tail;

        WindowMax(int n, int r) {
            this.n = n;
            this.r = r;
            this.padded = new float[n + 2 * r];
            this.head = new float[padded.length];
            this.tail = new float[padded.length];
        }

        /** Reads {@code src[start + k·stride]} for k in [0, n) and writes each window's maximum at the same places of {@code dst}. */
        void run(float[] src, int start, int stride, float[] dst) {
            int w = 2 * r + 1;
            int length = padded.length;
            for (int k = 0; k < n; k++) {
                padded[r + k] = src[start + k * stride];
            }
            for (int k = 0; k < length; k++) {
                head[k] = k % w == 0 ? padded[k] : Math.max(head[k - 1], padded[k]);
            }
            for (int k = length - 1; k >= 0; k--) {
                tail[k] = k == length - 1 || (k + 1) % w == 0 ? padded[k] : Math.max(tail[k + 1], padded[k]);
            }
            for (int k = 0; k < n; k++) {
                dst[start + k * stride] = Math.max(0f, Math.max(tail[k], head[k + 2 * r]));
            }
        }
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
