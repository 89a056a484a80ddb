package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.testdata.SharedData;
import org.pathlane.inference.tissue.TissueDetector;

/**
 * The DAPI slide (bright nuclei on black) with the default detector and with the fluorescence-trained
 * UNet: nuclei of nuclear sizes, not one "nucleus" per tile (skipped without the shared data).
 */
class FluorescenceSlideTest {

    /** Level-0 pixels of test3-DAPI-2-387.ndpi with dense nuclei (0.228 µm/px: 251 × 251 µm). */
    private static final long[] REGION = {800, 3200, 1100, 1100};

    @TempDir
    Path tmp;

    private SegmentSummary run(String model, String name) throws Exception {
        Path slide = SharedData.file("slides/test3-DAPI-2-387.ndpi");
        org.pathlane.inference.slide.SyntheticSlides.assumeOpenSlide();
        SegmentRequest request = new SegmentRequest(slide, tmp.resolve(name), model, Device.CPU, 512, 64, 4,
                Optional.of(REGION), 0.05, true, OptionalDouble.empty());
        return new Segmentation(Slides::open, TissueDetector.defaults()::detect).run(request, SegmentationListener.NONE);
    }

    private double[] areasUm2(String name) throws Exception {
        List<String> rows = Files.readAllLines(tmp.resolve(name).resolve("cells.csv"));
        return rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[4])).sorted().toArray();
    }

    private void assertNuclei(SegmentSummary summary, String name) throws Exception {
        assertThat(summary.stain()).startsWith("fluorescence: the blue channel");
        assertThat(summary.cells()).as("a 250 µm square of dense nuclei").isGreaterThan(120);
        double[] areas = areasUm2(name);
        assertThat(areas[areas.length / 2]).as("median nucleus area, µm²").isBetween(10.0, 150.0);
        assertThat(areas[areas.length - 1]).as("largest nucleus, µm²").isLessThan(1_000.0);
        assertThat(summary.warnings()).isEmpty();
        assertThat(Arrays.stream(areas).filter(a -> a > 500).count()).isLessThan(areas.length / 100 + 1);

        // The nuclear channel's own intensities are measured, not optical density of the rendering.
        List<String> rows = Files.readAllLines(tmp.resolve(name).resolve("cells.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertThat(header).contains("nuclear_channel_mean", "nuclear_channel_std_dev", "nuclear_channel_min",
                "nuclear_channel_max", "circularity").doesNotContain("eosin_od_mean", "hematoxylin_od_std_dev");
        double[] means = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i).split(",");
            double mean = Double.parseDouble(row[header.indexOf("nuclear_channel_mean")]);
            assertThat(mean).isBetween(Double.parseDouble(row[header.indexOf("nuclear_channel_min")]),
                    Double.parseDouble(row[header.indexOf("nuclear_channel_max")]));
            means[i - 1] = mean;
        }
        Arrays.sort(means);
        assertThat(means[means.length / 2]).as("median nuclear intensity (8-bit DAPI)").isBetween(20.0, 255.0);
    }

    @Test
    void theDefaultDetectorFindsNucleiOnDapi() throws Exception {
        assertNuclei(run("default", "default"), "default");
    }

    @Test
    void theFluorescenceUnetFindsNucleiOnDapi() throws Exception {
        Path unet = SharedData.unet();
        assertNuclei(run(unet.toString(), "unet"), "unet");
    }
}
