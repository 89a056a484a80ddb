package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.OnnxModel;
import org.pathlane.inference.slide.OpenSlideLibrary;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.slide.TiffPyramids;
import org.pathlane.inference.tissue.TissueDetector;

/**
 * A pixel size no microscope gives (a 72 dpi default in a generic TIFF's resolution tags) counts as
 * unknown with the assumption stated, and no slide is upsampled more than a few times for the model
 * unless the user says so with {@code --mpp}.
 */
class SlidePixelSizeTest {

    private static OnnxModel model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        model = OnnxModel.open(ModelLoader.loadDefault(), Device.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static void assumeOpenSlide() {
        boolean present;
        try {
            OpenSlideLibrary.get();
            present = true;
        } catch (java.io.IOException e) {
            present = false;
        }
        assumeTrue(present, "OpenSlide is not installed (scripts/install-system-packages installs libopenslide0)");
    }

    private Path pyramid(String name, double mpp) throws Exception {
        BufferedImage level0 = new BufferedImage(300, 250, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = level0.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 250);
        g.setColor(new Color(236, 190, 215));
        g.fillRect(0, 0, 200, 250);
        g.setColor(new Color(55, 30, 115));
        for (int i = 0; i < 12; i++) {
            g.fillOval(15 + 14 * i, 30 + 15 * (i % 9), 9, 9);
        }
        g.dispose();
        BufferedImage level1 = new BufferedImage(150, 125, BufferedImage.TYPE_INT_RGB);
        Graphics2D h = level1.createGraphics();
        h.drawImage(level0, 0, 0, 150, 125, null);
        h.dispose();
        return TiffPyramids.writeWithMpp(tmp.resolve(name), List.of(level0, level1), 128, mpp);
    }

    private SegmentRequest request(Path slide, OptionalDouble mpp) {
        return new SegmentRequest(slide, tmp.resolve("out"), "default", Device.CPU, 512, 64, 1, Optional.empty(), 0.05,
                true, mpp);
    }

    @Test
    void aSeventyTwoDpiTagIsUnknownAndThePlanSaysWhatItAssumed() throws Exception {
        assumeOpenSlide();
        Path tiff = pyramid("72dpi.tiff", 25_400.0 / 72);
        try (SlideReader slide = Slides.open(tiff)) {
            assertThat(slide.mppX()).isEmpty();
            assertThat(slide.mppNote()).contains("352.8 µm/px").contains("72 dpi").contains("unknown");
            Segmentation segmentation = new Segmentation(Slides::open, TissueDetector.defaults()::detect);
            Segmentation.Plan plan = segmentation.plan(request(tiff, OptionalDouble.empty()), model, slide);
            assertThat(plan.grid().tiles()).as("a 300 x 250 image is one tile, not tens of thousands").hasSize(1);
            assertThat(plan.mpp()).isEqualTo(model.spec().pixelSize());
            assertThat(plan.mppSource()).contains("352.8 µm/px").contains("assumed the model's pixel size").contains("--mpp");
        }
    }

    @Test
    void aBelievablePixelSizeIsKept() throws Exception {
        assumeOpenSlide();
        try (SlideReader slide = Slides.open(pyramid("half.tiff", 0.5))) {
            assertThat(slide.mppX()).hasValueCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(slide.mppNote()).isEmpty();
        }
    }

    @Test
    void aSlideCoarserThanAFewTimesTheModelsPixelSizeNeedsMpp() throws Exception {
        assumeOpenSlide();
        Path tiff = pyramid("coarse.tiff", 4.0);
        Segmentation segmentation = new Segmentation(Slides::open, TissueDetector.defaults()::detect);
        try (SlideReader slide = Slides.open(tiff)) {
            assertThatThrownBy(() -> segmentation.plan(request(tiff, OptionalDouble.empty()), model, slide))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("coarse.tiff").hasMessageContaining("upsampled 8.0 times").hasMessageContaining("--mpp");
            Segmentation.Plan said = segmentation.plan(request(tiff, OptionalDouble.of(4.0)), model, slide);
            assertThat(said.mppSource()).isEqualTo("--mpp");
        }
    }
}
