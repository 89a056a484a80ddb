/**
 * What the viewer draws over a slide, in level-0 coordinates: outlines that stream in from running jobs
 * ({@link org.pathlane.viewer.overlay.ShapeLayer}) and images such as tissue masks
 * ({@link org.pathlane.viewer.overlay.ImageLayer}), each with a visibility and an opacity.
 */
package org.pathlane.viewer.overlay;
