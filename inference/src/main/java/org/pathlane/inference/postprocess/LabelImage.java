package org.pathlane.inference.postprocess;

/**
 * A label image: 0 is background, 1..{@code count} are instances.
 *
 * @param labels row-major, {@code width × height}
 */
public record LabelImage(int[] labels, int width, int height, int count) {
}
