package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file fails at open with an error naming it; none crashes or hangs the JVM. */
class BadSlideInputTest {

    @TempDir
    Path dir;

    private static void assertUnreadable(Path file, String... words) {
        assertThatThrownBy(() -> Slides.open(file).close())
                .isInstanceOf(UnreadableSlideException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContainingAll(words)
                .satisfies(e -> assertThat(((UnreadableSlideException) e).file().getFileName())
                        .isEqualTo(file.getFileName()));
    }

    @Test
    void aMissingFileIsNamed() {
        assertUnreadable(dir.resolve("nowhere.svs"), "no such file");
    }

    @Test
    void anEmptyFileSaysItIsEmpty() throws IOException {
        assertUnreadable(Files.createFile(dir.resolve("empty.svs")), "empty", "0 bytes");
    }

    @Test
    void aTextFileNamedSvsIsNotASlide() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.svs"), "patient list, not a slide\n");
        assertUnreadable(text, "not a slide format");
    }

    @Test
    void aFolderIsNotASlide() throws IOException {
        assertUnreadable(Files.createDirectory(dir.resolve("slides.svs")), "folder");
    }

    @Test
    void anUnsupportedBinaryFormatIsNamed() throws IOException {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertUnreadable(Files.write(dir.resolve("archive.zip"), zip), "not a slide format");
    }

    @Test
    void aDamagedPngIsNamed() throws IOException {
        Path png = SyntheticSlides.writeImage(dir.resolve("whole.png"), SyntheticSlides.pattern(300, 200, 1), "png");
        assertUnreadable(SyntheticSlides.truncatedCopy(png, dir.resolve("cut.png")), "cannot be decoded");
    }

    @Test
    void aTruncatedGeneratedPyramidFailsCleanly() throws IOException {
        SyntheticSlides.assumeOpenSlide();
        Path whole = SyntheticSlides.writePyramid(dir.resolve("whole.tif"),
                SyntheticSlides.pyramid(SyntheticSlides.pattern(600, 500, 2), 2), 128);
        assertTruncatedFailsCleanly(SyntheticSlides.truncatedCopy(whole, dir.resolve("half.tif")));
    }

    @Test
    void truncatedRealSlidesFailCleanly() throws IOException {
        SyntheticSlides.assumeOpenSlide();
        for (String name : List.of("CMU-1-Small-Region.svs", "tcga-cr-7395-01a-01-ts1.svs", "test3-DAPI-2-387.ndpi",
                "CMU-1-Small-Region-generic.tiff")) {
            Path real = SyntheticSlides.sharedSlide(name);
            assertTruncatedFailsCleanly(SyntheticSlides.truncatedCopy(real, dir.resolve("half-" + name)));
        }
    }

    /**
     * A truncated file either fails at open, or (when its directory survived) fails on reading the
     * missing half: both with an error naming the file, never a crash or made-up pixels.
     */
    private static void assertTruncatedFailsCleanly(Path half) {
        try (SlideReader slide = Slides.open(half)) {
            SlideLevel level0 = slide.levels().get(0);
            assertThatThrownBy(() -> {
                for (long y = 0; y < level0.height(); y += 1024) {
                    slide.readRegion(0, 0, y, (int) level0.width(), (int) Math.min(1024, level0.height() - y));
                }
            }).isInstanceOf(IOException.class).hasMessageContaining(half.getFileName().toString())
                    .hasMessageContaining("damaged or incomplete");
        } catch (IOException e) {
            assertThat(e).isInstanceOf(UnreadableSlideException.class)
                    .hasMessageContaining(half.getFileName().toString())
                    .hasMessageContaining("damaged or incomplete");
        }
    }
}
