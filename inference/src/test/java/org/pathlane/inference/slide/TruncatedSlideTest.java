package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pathlane.inference.testdata.SharedData;

/**
 * A TIFF-family file cut short (a copy that stopped) is reported damaged with "copy the file again", not
 * read as some other image: OpenSlide refuses it, and ImageIO would decode whatever the first directory
 * still describes. A whole plain TIFF still opens through ImageIO, and a refused file is never written to.
 */
class TruncatedSlideTest {

    @TempDir
    Path tmp;

    private Path truncated(Path source, int percent) throws IOException {
        Path copy = tmp.resolve(percent + "-" + source.getFileName());
        try (InputStream in = Files.newInputStream(source)) {
            Files.write(copy, in.readNBytes((int) (Files.size(source) * percent / 100)));
        }
        return copy;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void assertDamaged(Path file) throws Exception {
        String before = sha256(file);
        assertThatThrownBy(() -> Slides.open(file).close())
                .isInstanceOf(UnreadableSlideException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("damaged or incomplete")
                .hasMessageContaining("copy the file again")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(sha256(file)).as("a refused file is left as it was").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} cut to {1} %")
    @CsvSource({
        "test3-DAPI-2-387.ndpi, 60",
        "test3-DAPI-2-387.ndpi, 95",
        "CMU-1-Small-Region-generic.tiff, 70",
        "CMU-1-Small-Region-generic.tiff, 20",
        "CMU-1-Small-Region.svs, 60",
        "tcga-cr-7395-01a-01-ts1.svs, 50",
    })
    void aCutCopyOfASharedSlideIsDamagedNotAnotherImage(String name, int percent) throws Exception {
        Path copy = truncated(SharedData.file("slides/" + name), percent);
        SyntheticSlides.assumeOpenSlide();
        assertDamaged(copy);
    }

    private Path plainTiff(String name) throws IOException {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(236, 190, 215));
        g.fillRect(0, 0, 400, 300);
        g.setColor(new Color(55, 30, 115));
        g.fillOval(100, 100, 40, 40);
        g.dispose();
        Path file = tmp.resolve(name);
        ImageIO.write(image, "tiff", file.toFile());
        return file;
    }

    @Test
    void aWholePlainTiffStillOpensAsAnImage() throws Exception {
        try (SlideReader slide = Slides.open(plainTiff("plain.tif"))) {
            assertThat(slide.vendor()).isEqualTo(ImageSlideReader.VENDOR);
            assertThat(slide.levels().get(0).width()).isEqualTo(400);
        }
    }

    @Test
    void aCutPlainTiffIsDamaged() throws Exception {
        assertDamaged(truncated(plainTiff("plain-cut.tif"), 70));
    }
}
