package org.pathlane.inference.model;

/**
 * How a model's output becomes instances.
 *
 * @param threshold      foreground probability cut (probability models)
 * @param minAreaUm2     instances smaller than this (µm²) are specks and are dropped
 * @param seedDistanceUm watershed seeds are distance-transform maxima at least this far (µm) apart
 */
public record PostprocessParams(double threshold, double minAreaUm2, double seedDistanceUm) {

    public static final PostprocessParams DEFAULT = new PostprocessParams(0.5, 10.0, 2.0);
}
