/**
 * Per-nucleus measurements, the ones QuPath and HistomicsTK users work with: shape (area, perimeter,
 * circularity, solidity, max caliper, the equivalent ellipse's axes and eccentricity) and intensity
 * (hematoxylin and eosin optical density on brightfield, the nuclear channel on fluorescence). They are
 * taken where the pixels are, on the post-processing threads; the exports only write them.
 */
package org.pathlane.inference.measure;
