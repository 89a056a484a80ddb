package org.pathlane.inference.postprocess;

/** 8-connected components of a binary image, labelled 1..n in raster order of their first pixel. */
final class ConnectedComponents {

    private ConnectedComponents() {
    }

    static int[] label(boolean[] mask, int width, int height) {
        int[] labels = new int[mask.length];
        int[] stack = new int[64];
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) {
                continue;
            }
            next++;
            labels[start] = next;
            int top = 0;
            stack[top++] = start;
            while (top > 0) {
                int p = stack[--top];
                int px = p % width;
                int py = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    int y = py + dy;
                    if (y < 0 || y >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        int q = y * width + x;
                        if (x < 0 || x >= width || !mask[q] || labels[q] != 0) {
                            continue;
                        }
                        labels[q] = next;
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, top * 2);
                        }
                        stack[top++] = q;
                    }
                }
            }
        }
        return labels;
    }
}
