package org.pathlane.inference.postprocess;

/**
 * Exact Euclidean distance transform of a binary mask, as squared distances: for every foreground pixel,
 * the squared distance to the nearest background pixel; 0 on background. Pixels beyond the image border
 * count as foreground, so objects touching the border are not shrunk there.
 *
 * <p>Meijster, Roerdink &amp; Hesselink, "A general algorithm for computing distance transforms in linear
 * time" (2000): first the distance along each column, in two row-major sweeps over the whole image;
 * then, per row, the lower envelope of parabolas (Felzenszwalb &amp; Huttenlocher 2012). Rows without
 * foreground are skipped. Squared distances are integers, so the result is exact and the watershed can
 * order pixels by them without floating point.
 */
final class DistanceTransform {

    /** Rows whose foreground lies at most this far from background along its column are searched directly. */
    static final int MAX_WINDOW = 48;

    private DistanceTransform() {
    }

    /**
     * @return how many foreground pixels the mask has; {@code buffers.distSq} holds the transform
     */
    static int squared(int width, int height, PostprocessBuffers buffers) {
        boolean[] mask = buffers.mask;
        int[] column = buffers.link;
        int[] out = buffers.distSq;
        // Further than any in-image distance: a column without background.
        int far = width + height;
        int foreground = 0;
        for (int x = 0; x < width; x++) {
            column[x] = mask[x] ? far : 0;
        }
        for (int y = 1; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                column[row + x] = mask[row + x] ? Math.min(far, column[row - width + x] + 1) : 0;
            }
        }
        for (int y = height - 2; y >= 0; y--) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                column[row + x] = Math.min(column[row + x], column[row + width + x] + 1);
            }
        }
        long[] f = buffers.line;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int inRow = 0;
            int deepest = 0;
            for (int x = 0; x < width; x++) {
                if (mask[row + x]) {
                    inRow++;
                }
                deepest = Math.max(deepest, column[row + x]);
            }
            if (inRow == 0) {
                java.util.Arrays.fill(out, row, row + width, 0);
                continue;
            }
            foreground += inRow;
            if (deepest <= MAX_WINDOW) {
                nearby(mask, column, width, out, row);
                continue;
            }
            for (int x = 0; x < width; x++) {
                long g = column[row + x];
                f[x] = g * g;
            }
            envelope(f, width, out, row, buffers);
        }
        return foreground;
    }

    /**
     * The same minimum as {@link #envelope}, searched directly: a pixel whose column distance is g has a
     * background pixel at most g away, so only the 2g - 1 pixels around it can be nearer, and the search
     * stops as soon as the horizontal offset alone is as far as the nearest found. For nuclei
     * (g of a few pixels) this is a handful of integer operations per foreground pixel instead of the
     * envelope's divisions over the whole row; rows with deeper foreground use the envelope.
     */
    private static void nearby(boolean[] mask, int[] column, int width, int[] out, int row) {
        for (int x = 0; x < width; x++) {
            int i = row + x;
            if (!mask[i]) {
                out[i] = 0;
                continue;
            }
            int g = column[i];
            int best = g * g;
            // Outwards from the pixel: once k² alone reaches the best found, nothing further can beat it.
            for (int k = 1; k * k < best; k++) {
                if (x - k >= 0) {
                    int c = column[i - k];
                    best = Math.min(best, k * k + c * c);
                }
                if (x + k < width) {
                    int c = column[i + k];
                    best = Math.min(best, k * k + c * c);
                }
            }
            out[i] = best;
        }
    }

    /** Lower envelope of the parabolas {@code (q - x)² + f(x)}: the squared distance along one row. */
    private static void envelope(long[] f, int n, int[] out, int offset, PostprocessBuffers buffers) {
        int[] v = buffers.sites;
        double[] z = buffers.bounds;
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            long dq = q - v[k];
            out[offset + q] = (int) Math.min(Integer.MAX_VALUE, dq * dq + f[v[k]]);
        }
    }

    private static double intersection(long[] f, int q, int p) {
        return ((f[q] + (long) q * q) - (f[p] + (long) p * p)) / (2.0 * (q - p));
    }
}
