package org.pathlane.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.segment.SegmentRequest;
import org.pathlane.inference.segment.SegmentSummary;
import org.pathlane.inference.segment.Segmentation;
import org.pathlane.inference.segment.SegmentationListener;
import org.pathlane.inference.slide.OpenSlideLibrary;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.tissue.TissueDetector;

/**
 * One network, two engines, one slide region: the whole pipeline must find the same nuclei whether ONNX
 * Runtime or PyTorch runs the UNet (skipped without the shared data or OpenSlide).
 */
class SameNucleiTest {

    /** Level-0 pixels of test3-DAPI-2-387.ndpi with dense nuclei (the UNet was trained on fluorescence nuclei). */
    private static final long[] REGION = {800, 3200, 1100, 1100};

    @TempDir
    Path tmp;

    private record Cell(double x, double y, double areaPx) {
    }

    private SegmentSummary run(ModelEngine engine) throws Exception {
        Path unet = TorchScriptEngineTest.unet();
        Path slide = unet.getParent().getParent().resolve("slides/test3-DAPI-2-387.ndpi");
        assumeTrue(Files.isRegularFile(slide), slide + " is absent: skipping");
        assumeTrue(OpenSlideLibrary.isAvailable(), "OpenSlide is not installed: skipping");
        SegmentRequest request = new SegmentRequest(slide, tmp.resolve(engine.id()), unet.toString(), Device.CPU, 512, 64, 2,
                Optional.of(REGION), 0.05, true, OptionalDouble.empty(), engine);
        return new Segmentation(Slides::open, TissueDetector.defaults()::detect).run(request, SegmentationListener.NONE);
    }

    private List<Cell> cells(ModelEngine engine) throws Exception {
        List<Cell> cells = new ArrayList<>();
        for (String row : Files.readAllLines(tmp.resolve(engine.id()).resolve("cells.csv")).stream().skip(1).toList()) {
            String[] f = row.split(",");
            cells.add(new Cell(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return cells;
    }

    @Test
    void onnxAndTorchScriptFindTheSameNuclei() throws Exception {
        SegmentSummary onnx = run(ModelEngine.ONNX);
        SegmentSummary torch = run(ModelEngine.TORCHSCRIPT);
        assertThat(onnx.cells()).as("nuclei in a 250 µm square of dense nuclei").isGreaterThan(100);
        assertThat(torch.cells()).isEqualTo(onnx.cells());
        List<Cell> a = cells(ModelEngine.ONNX);
        List<Cell> b = cells(ModelEngine.TORCHSCRIPT);
        // The exports list nuclei in grid order, so the same nucleus sits on the same row in both.
        for (int i = 0; i < a.size(); i++) {
            assertThat(Math.abs(a.get(i).x() - b.get(i).x()) + Math.abs(a.get(i).y() - b.get(i).y()))
                    .as("nucleus %d's centroid moved", i + 1).isLessThan(0.5);
            assertThat(b.get(i).areaPx()).as("nucleus %d's area", i + 1)
                    .isBetween(a.get(i).areaPx() * 0.98, a.get(i).areaPx() * 1.02);
        }
    }
}
