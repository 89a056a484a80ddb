/** Reading whole-slide images: the {@link org.pathlane.inference.slide.SlideReader} seam and its implementations. */
package org.pathlane.inference.slide;
