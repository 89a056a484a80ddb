package org.pathlane.inference.postprocess;

import java.util.Arrays;

/**
 * The scratch arrays of post-processing one tile, kept by one thread and reused tile after tile: a tile
 * of 640² pixels needs several megabytes of them, and allocating those afresh for every tile keeps the
 * garbage collector busy with large short-lived arrays. Not thread-safe: one instance per thread.
 */
public final class PostprocessBuffers {

    private int capacity;
    boolean[] mask = new boolean[0];
    /** Squared distance to the nearest background pixel (0 on background). */
    int[] distSq = new int[0];
    int[] labels = new int[0];
    /** Per pixel: the next pixel in its watershed level's queue, or the column distance in the transform. */
    int[] link = new int[0];
    /** One row or column of the distance transform: parabola positions and their boundaries. */
    int[] sites = new int[0];
    double[] bounds = new double[0];
    long[] line = new long[0];
    int[] stack = new int[256];
    int[] queueHead = new int[0];
    int[] queueTail = new int[0];

    /** Makes room for a {@code width × height} tile; contents are left undefined. */
    void ensure(int width, int height) {
        int pixels = width * height;
        if (pixels > capacity) {
            capacity = pixels;
            mask = new boolean[pixels];
            distSq = new int[pixels];
            labels = new int[pixels];
            link = new int[pixels];
        }
        int side = Math.max(width, height);
        if (sites.length < side + 1) {
            sites = new int[side + 1];
            bounds = new double[side + 2];
            line = new long[side + 1];
        }
    }

    /** Empty watershed queues for levels {@code 0..maxLevel}. */
    void resetQueues(int maxLevel) {
        if (queueHead.length < maxLevel + 1) {
            queueHead = new int[maxLevel + 1];
            queueTail = new int[maxLevel + 1];
        }
        Arrays.fill(queueHead, 0, maxLevel + 1, -1);
        Arrays.fill(queueTail, 0, maxLevel + 1, -1);
    }

    /** Pushes onto the flood-fill stack, growing it when full. */
    void push(int top, int pixel) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top] = pixel;
    }
}
