package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.OnnxModel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.testdata.SyntheticTissue;

/**
 * An image cropped from inside tissue has no glass to find tissue by, so Macenko's estimate has nothing to
 * work on: the default model then gets the crop's hematoxylin brought to the reference level instead of
 * the raw colours. A slide with glass keeps Macenko.
 */
class CropStainTest {

    private static OnnxModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        model = OnnxModel.open(ModelLoader.loadDefault(), Device.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private String stainOf(BufferedImage image) throws Exception {
        Path file = dir.resolve("image.png");
        ImageIO.write(image, "png", file.toFile());
        Segmentation segmentation = Segmentations.standard();
        SegmentRequest request = new SegmentRequest(file, dir.resolve("out"), "default", Device.CPU, 512, 64, 1,
                Optional.empty(), 0.05, false, OptionalDouble.of(0.25));
        try (SlideReader slide = segmentation.openSlide(file)) {
            return segmentation.plan(request, model, slide).stain().description();
        }
    }

    @Test
    void aCropWithoutGlassHasItsHematoxylinBroughtToTheReferenceLevel() throws Exception {
        BufferedImage crop = SyntheticTissue.paint(320, 256, SyntheticTissue.randomDiscs(5, 320, 256, 30));

        assertThat(stainOf(crop)).startsWith("hematoxylin level:");
    }

    @Test
    void aSlideWithGlassKeepsMacenko() throws Exception {
        BufferedImage slide = SyntheticTissue.slide(5, 1600, 1200, 900, 400).image();

        assertThat(stainOf(slide)).doesNotStartWith("hematoxylin level");
    }
}
