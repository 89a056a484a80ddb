package org.pathlane.inference.postprocess;

/**
 * Traces the outer boundary of one labelled region along pixel edges (crack following), so the ring
 * encloses exactly the region's pixels (plus any holes). Coordinates are pixel corners: pixel (x, y)
 * spans [x, x+1] × [y, y+1]. The region is taken as 4-connected from its first pixel in raster order.
 */
final class ContourTracer {

    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private ContourTracer() {
    }

    /**
     * @param startX the region's first pixel in raster order (x), so nothing of it lies above or left on its row
     * @param startY that pixel's row
     * @return the ring's corner vertices as x0, y0, x1, y1, ... (closed: the first vertex is repeated last)
     */
    static double[] trace(int[] labels, int width, int height, int label, int startX, int startY) {
        int[] vertices = new int[64];
        int size = 0;
        int vx = startX;
        int vy = startY;
        int dir = 0;
        do {
            // The two pixels ahead of vertex (vx, vy) when facing dir: ahead-left and ahead-right.
            int aheadLeft = pixelAhead(labels, width, height, label, vx, vy, dir, true);
            int aheadRight = pixelAhead(labels, width, height, label, vx, vy, dir, false);
            int newDir;
            if (aheadRight == 0) {
                newDir = (dir + 1) & 3;
            } else if (aheadLeft == 0) {
                newDir = dir;
            } else {
                newDir = (dir + 3) & 3;
            }
            if (newDir != dir || size == 0) {
                if (size == vertices.length) {
                    vertices = java.util.Arrays.copyOf(vertices, size * 2);
                }
                vertices[size++] = vx;
                vertices[size++] = vy;
            }
            dir = newDir;
            vx += DX[dir];
            vy += DY[dir];
        } while (vx != startX || vy != startY);
        double[] out = new double[size + 2];
        for (int i = 0; i < size; i++) {
            out[i] = vertices[i];
        }
        out[out.length - 2] = out[0];
        out[out.length - 1] = out[1];
        return out;
    }

    /** 1 when the pixel ahead-left/right of the vertex belongs to the label, else 0. */
    private static int pixelAhead(int[] labels, int width, int height, int label, int vx, int vy, int dir, boolean left) {
        int px;
        int py;
        switch (dir) {
            case 0 -> { px = vx; py = left ? vy - 1 : vy; }          // east: NE / SE
            case 1 -> { px = left ? vx : vx - 1; py = vy; }          // south: SE / SW
            case 2 -> { px = vx - 1; py = left ? vy : vy - 1; }      // west: SW / NW
            default -> { px = left ? vx - 1 : vx; py = vy - 1; }     // north: NW / NE
        }
        if (px < 0 || py < 0 || px >= width || py >= height) {
            return 0;
        }
        return labels[py * width + px] == label ? 1 : 0;
    }
}
