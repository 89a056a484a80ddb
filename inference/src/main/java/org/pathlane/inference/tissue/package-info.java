/**
 * Tissue detection on a slide thumbnail: {@link org.pathlane.inference.tissue.TissueDetector} turns a
 * {@link org.pathlane.inference.slide.SlideReader} into a {@link org.pathlane.inference.tissue.TissueMask}
 * (with the thumbnail it was computed on) whose per-rectangle tissue fraction drives tile skipping.
 */
package org.pathlane.inference.tissue;
