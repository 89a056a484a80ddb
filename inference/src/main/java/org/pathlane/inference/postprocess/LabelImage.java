package org.pathlane.inference.postprocess;

/**
 * A label image: 0 is background, 1..{@code count} are instances.
 *
 * @param labels row-major, the first {@code width × height} values (the array may be longer: scratch arrays
 *               reused from a larger tile)
 */
public record LabelImage(int[] labels, int width, int height, int count) {
}
