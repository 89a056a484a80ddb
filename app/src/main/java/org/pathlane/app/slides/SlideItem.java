package org.pathlane.app.slides;

/**
 * One tile of the slides library: a slide of the library, or a file that could not be imported (then
 * {@code error} says why, {@code entryId} is null and it is not in the library).
 *
 * @param thumbnail a PNG in the thumbnail cache, or null until it is made
 */
public record SlideItem(String entryId, String path, String name, SlideFacts facts, java.nio.file.Path thumbnail, String error) {

    public boolean broken() {
        return error != null;
    }
}
