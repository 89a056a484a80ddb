package org.pathlane.inference.postprocess;

/**
 * Exact Euclidean distance transform (Felzenszwalb &amp; Huttenlocher, "Distance Transforms of Sampled
 * Functions", 2012): for every foreground pixel, the distance to the nearest background pixel. Pixels
 * beyond the image border count as foreground, so objects touching the border are not shrunk there.
 */
public final class DistanceTransform {

    private static final float INF = 1e20f;

    private DistanceTransform() {
    }

    public static float[] euclidean(boolean[] foreground, int width, int height) {
        float[] d = new float[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = foreground[i] ? INF : 0f;
        }
        int n = Math.max(width, height);
        float[] f = new float[n];
        float[] out = new float[n];
        int[] v = new int[n];
        float[] z = new float[n + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = d[y * width + x];
            }
            transform1d(f, height, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(d, y * width, f, 0, width);
            transform1d(f, width, out, v, z);
            for (int x = 0; x < width; x++) {
                d[y * width + x] = (float) Math.sqrt(out[x]);
            }
        }
        return d;
    }

    /** Lower envelope of parabolas: squared distance along one line. */
    private static void transform1d(float[] f, int n, float[] d, int[] v, float[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = -INF;
        z[1] = INF;
        for (int q = 1; q < n; q++) {
            float s = ((f[q] + q * q) - (f[v[k]] + v[k] * v[k])) / (2f * q - 2f * v[k]);
            while (s <= z[k]) {
                k--;
                s = ((f[q] + q * q) - (f[v[k]] + v[k] * v[k])) / (2f * q - 2f * v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = INF;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            float dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }
}
