package org.pathlane.app.slides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.SlideThumbnail;

/**
 * Small library thumbnails, made once per slide and kept as PNG files named by the slide's content id, so
 * the library opens without reading the slides again.
 */
public final class Thumbnails {

    public static final int SIZE = 200;

    private final Path cacheDir;

    public Thumbnails(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public Path fileFor(SlideReader reader) {
        return fileFor(reader.id());
    }

    /** Where the thumbnail of the slide with this content id is (or would be) kept. */
    public Path fileFor(String slideId) {
        return cacheDir.resolve(slideId.replaceAll("[^\\w.-]", "_") + ".png");
    }

    /** The cached thumbnail of the slide, made now when missing. */
    public Path make(SlideReader reader) throws IOException {
        Path file = fileFor(reader);
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "thumb", ".png");
        try {
            ImageIO.write(SlideThumbnail.of(reader, SIZE).image(), "png", tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
