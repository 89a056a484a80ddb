/**
 * Reading whole-slide images: the {@link org.pathlane.inference.slide.SlideReader} seam and its implementations.
 *
 * <p>Open any slide with {@link org.pathlane.inference.slide.Slides#open(java.nio.file.Path)}: whole-slide
 * formats go to {@link org.pathlane.inference.slide.OpenSlideReader} (OpenSlide bound with the FFM API),
 * plain PNG/JPEG/TIFF to {@link org.pathlane.inference.slide.ImageSlideReader} (vendor {@code image}).
 * Bad files fail at open with an {@link org.pathlane.inference.slide.UnreadableSlideException} naming the
 * file; a missing OpenSlide library with an {@link org.pathlane.inference.slide.OpenSlideMissingException}
 * saying how to install it.
 *
 * <pre>{@code
 * try (SlideReader slide = Slides.open(Path.of("CMU-1.svs"))) {
 *     BufferedImage argb = slide.readRegion(0, 1000, 2000, 512, 512); // level-0 x, y; TYPE_INT_ARGB
 * }
 * }</pre>
 */
package org.pathlane.inference.slide;
