package org.pathlane.inference.tissue;

/**
 * Removes specks (small tissue components, 8-connected) and fills holes (small background components,
 * 4-connected, not touching the border) in a binary mask, in place.
 */
final class MaskCleaner {

    private MaskCleaner() {
    }

    /** Clears tissue components smaller than {@code minArea} pixels. */
    static void removeSpecks(boolean[] mask, int width, int height, int minArea) {
        flipSmallComponents(mask, width, height, true, minArea, true);
    }

    /** Fills enclosed background components smaller than {@code maxArea} pixels. */
    static void fillHoles(boolean[] mask, int width, int height, int maxArea) {
        flipSmallComponents(mask, width, height, false, maxArea, false);
    }

    /**
     * Flips every component of pixels equal to {@code value} whose area is below {@code limit}. Background
     * components touching the border are never holes.
     */
    private static void flipSmallComponents(boolean[] mask, int width, int height, boolean value, int limit,
            boolean eightConnected) {
        if (limit <= 1) {
            return;
        }
        int[] label = new int[mask.length];
        int[] stack = new int[mask.length];
        int[] members = new int[mask.length];
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (mask[start] != value || label[start] != 0) {
                continue;
            }
            next++;
            int size = 0;
            int top = 0;
            boolean touchesBorder = false;
            stack[top++] = start;
            label[start] = next;
            while (top > 0) {
                int p = stack[--top];
                members[size++] = p;
                int px = p % width;
                int py = p / width;
                if (px == 0 || py == 0 || px == width - 1 || py == height - 1) {
                    touchesBorder = true;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx == 0 && dy == 0) || (!eightConnected && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int nx = px + dx;
                        int ny = py + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                            continue;
                        }
                        int q = ny * width + nx;
                        if (mask[q] == value && label[q] == 0) {
                            label[q] = next;
                            stack[top++] = q;
                        }
                    }
                }
            }
            boolean isHoleAtBorder = !value && touchesBorder;
            if (size < limit && !isHoleAtBorder) {
                for (int i = 0; i < size; i++) {
                    mask[members[i]] = !value;
                }
            }
        }
    }
}
