package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.OnnxModel;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;
import org.pathlane.inference.testdata.SyntheticTissue;
import org.pathlane.inference.testdata.SyntheticTissue.Disc;

/** The bundled model, through ONNX Runtime and the watershed, gives back discs painted at known places. */
class KnownDiscsTest {

    private static OnnxModel model;

    @BeforeAll
    static void open() {
        model = OnnxModel.open(ModelLoader.loadDefault(), Device.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void everyPaintedDiscComesBackOnceWithItsCentreAndArea() {
        int size = 384;
        List<Disc> discs = SyntheticTissue.randomDiscs(7, size, size, 40);
        BufferedImage image = SyntheticTissue.paint(size, size, discs);
        TileSegmenter segmenter = new TileSegmenter(model);
        TileWindow window = new TileWindow(0, 0, 0, 0, 1.0, size, 0, 0, size, size);
        int[] argb = image.getRGB(0, 0, size, size, null, 0, size);
        TileSegmenter.Tile inferred = segmenter.infer(List.of(new TileSegmenter.Tile(window, argb))).get(0);
        List<Nucleus> found = segmenter.postProcess(inferred);

        assertThat(found).hasSize(discs.size());
        List<Nucleus> unmatched = new ArrayList<>(found);
        for (Disc disc : discs) {
            Nucleus nearest = unmatched.stream()
                    .min((a, b) -> Double.compare(Math.hypot(a.centroidX() - disc.x(), a.centroidY() - disc.y()),
                            Math.hypot(b.centroidX() - disc.x(), b.centroidY() - disc.y())))
                    .orElseThrow();
            assertThat(Math.hypot(nearest.centroidX() - disc.x(), nearest.centroidY() - disc.y()))
                    .as("centroid of disc at %.1f,%.1f", disc.x(), disc.y()).isLessThan(1.0);
            assertThat(nearest.areaPx()).as("area of disc r=%.1f", disc.radius())
                    .isBetween(disc.area() * 0.8, disc.area() * 1.2);
            assertThat(nearest.meanOd()).isPositive();
            unmatched.remove(nearest);
        }
    }
}
