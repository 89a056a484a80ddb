package org.pathlane.inference.postprocess;

/**
 * Splits touching nuclei: seeds are the maxima of the distance transform (at least {@code seedRadius}
 * pixels apart), then a flood from the seeds over the foreground, deepest pixels first (Meyer's watershed
 * on the inverted distance), with one FIFO queue per squared distance (Beucher &amp; Meyer's hierarchical
 * queue: constant time per pixel). Equal input gives equal output.
 */
final class SeededWatershed {

    /** Squared distances above this share the deepest queue: deeper than any nucleus at a sensible pixel size. */
    static final int MAX_LEVEL = 1 << 16;

    /** Marks a seed pixel not yet given its plateau's label. */
    private static final int UNLABELLED_SEED = -1;

    private SeededWatershed() {
    }

    /**
     * Labels {@code buffers.labels} from {@code buffers.mask} and {@code buffers.distSq}.
     *
     * @return how many instances: labels are 1..n, 0 is background
     */
    static int run(int width, int height, int seedRadius, PostprocessBuffers buffers) {
        int pixels = width * height;
        int[] labels = buffers.labels;
        boolean[] mask = buffers.mask;
        int[] dist = buffers.distSq;
        java.util.Arrays.fill(labels, 0, pixels, 0);
        int count = seeds(width, height, seedRadius, buffers);

        int maxLevel = 0;
        for (int i = 0; i < pixels; i++) {
            if (labels[i] > 0) {
                maxLevel = Math.max(maxLevel, level(dist[i]));
            }
        }
        buffers.resetQueues(maxLevel);
        int[] head = buffers.queueHead;
        int[] tail = buffers.queueTail;
        int[] next = buffers.link;
        for (int i = 0; i < pixels; i++) {
            if (labels[i] > 0) {
                enqueue(i, level(dist[i]), head, tail, next);
            }
        }
        for (int level = maxLevel; level >= 1; level--) {
            while (head[level] >= 0) {
                int p = head[level];
                head[level] = next[p];
                int label = labels[p];
                int x = p % width;
                if (x > 0) {
                    flood(p - 1, label, level, buffers);
                }
                if (x < width - 1) {
                    flood(p + 1, label, level, buffers);
                }
                if (p >= width) {
                    flood(p - width, label, level, buffers);
                }
                if (p < pixels - width) {
                    flood(p + width, label, level, buffers);
                }
            }
        }
        // Foreground no seed reached: a small nucleus lying within seedRadius of a larger one's maximum.
        // It is a nucleus of its own, not background.
        for (int i = 0; i < pixels; i++) {
            if (mask[i] && labels[i] == 0) {
                fill(i, 0, ++count, false, width, height, buffers);
            }
        }
        return count;
    }

    private static int level(int distSq) {
        return Math.min(distSq, MAX_LEVEL);
    }

    private static void flood(int q, int label, int current, PostprocessBuffers buffers) {
        int[] labels = buffers.labels;
        if (buffers.mask[q] && labels[q] == 0) {
            labels[q] = label;
            // A pixel deeper than the flood's level is taken at that level: the flood never goes back up.
            enqueue(q, Math.min(level(buffers.distSq[q]), current), buffers.queueHead, buffers.queueTail, buffers.link);
        }
    }

    private static void enqueue(int pixel, int level, int[] head, int[] tail, int[] next) {
        next[pixel] = -1;
        if (head[level] < 0) {
            head[level] = pixel;
        } else {
            next[tail[level]] = pixel;
        }
        tail[level] = pixel;
    }

    /**
     * Plateaus of the distance transform equal to its maximum over a (2r+1)² window, labelled 1..n in
     * raster order of their first pixel (8-connected). Only pixels not lower than their 8 neighbours can
     * be such maxima, so only those few are checked against the whole window.
     */
    private static int seeds(int width, int height, int r, PostprocessBuffers buffers) {
        boolean[] mask = buffers.mask;
        int[] dist = buffers.distSq;
        int[] labels = buffers.labels;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (mask[i] && isWindowMaximum(dist, width, height, x, y, 1) && isWindowMaximum(dist, width, height, x, y, r)) {
                    labels[i] = UNLABELLED_SEED;
                }
            }
        }
        int count = 0;
        for (int i = 0; i < width * height; i++) {
            if (labels[i] == UNLABELLED_SEED) {
                fill(i, UNLABELLED_SEED, ++count, true, width, height, buffers);
            }
        }
        return count;
    }

    private static boolean isWindowMaximum(int[] dist, int width, int height, int x, int y, int r) {
        int v = dist[y * width + x];
        int x0 = Math.max(0, x - r);
        int x1 = Math.min(width - 1, x + r);
        for (int yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
            int row = yy * width;
            for (int xx = x0; xx <= x1; xx++) {
                if (dist[row + xx] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Gives the region around {@code start} its label: the connected foreground pixels (8- or 4-connected)
     * whose label is still {@code from}.
     */
    private static void fill(int start, int from, int label, boolean eightConnected, int width, int height,
            PostprocessBuffers buffers) {
        int[] labels = buffers.labels;
        boolean[] mask = buffers.mask;
        labels[start] = label;
        int top = 0;
        buffers.push(top++, start);
        while (top > 0) {
            int p = buffers.stack[--top];
            int px = p % width;
            int py = p / width;
            for (int y = Math.max(0, py - 1); y <= Math.min(height - 1, py + 1); y++) {
                for (int x = Math.max(0, px - 1); x <= Math.min(width - 1, px + 1); x++) {
                    int q = y * width + x;
                    if ((eightConnected || x == px || y == py) && labels[q] == from && mask[q]) {
                        labels[q] = label;
                        buffers.push(top++, q);
                    }
                }
            }
        }
    }
}
