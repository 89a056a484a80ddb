/**
 * The JavaFX pyramidal slide viewer control. It knows nothing of OpenSlide or ONNX Runtime: the app
 * adapts a slide reader to this package's tile source interface.
 */
package org.pathlane.viewer;
