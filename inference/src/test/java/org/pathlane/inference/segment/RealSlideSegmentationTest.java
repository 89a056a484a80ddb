package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.OnnxModel;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.tissue.TissueDetector;
import org.pathlane.inference.testdata.NucleusMatching;
import org.pathlane.inference.testdata.Results;
import org.pathlane.inference.testdata.SharedData;

/** Segmentation of the real H&amp;E slide CMU-1-Small-Region.svs (skipped without the shared data). */
class RealSlideSegmentationTest {

    @TempDir
    Path tmp;

    private static Segmentation segmentation() {
        return new Segmentation(Slides::open, TissueDetector.defaults()::detect);
    }

    private SegmentRequest request(Path slide, String name, String model, int tile, int halo, long[] region,
            boolean useTissue) {
        return new SegmentRequest(slide, tmp.resolve(name), model, Device.CPU, tile, halo, 8, Optional.of(region), 0.05,
                useTissue, OptionalDouble.empty());
    }

    @Test
    void tilesOf256FindTheSameNucleiAsOneTileOnA2048Region() throws Exception {
        Path slide = SharedData.cmuSmallRegion();
        long[] region = {172, 900, 2048, 2048};
        try (OnnxModel model = OnnxModel.open(ModelLoader.loadDefault(), Device.CPU)) {
            SegmentSummary small = segmentation().run(request(slide, "small", "default", 256, 64, region, false), model,
                    SegmentationListener.NONE);
            SegmentSummary one = segmentation().run(request(slide, "one", "default", 4096, 64, region, false), model,
                    SegmentationListener.NONE);
            assertThat(one.tilesTotal()).isEqualTo(1);
            assertThat(small.tilesTotal()).isEqualTo(64);
            assertThat(small.mppSource()).isEqualTo("slide");
            assertThat(small.cells()).as("an H&E region this size holds hundreds of nuclei").isGreaterThan(300);
            List<Polygon> a = Results.polygons(tmp.resolve("small/cells.geojson"));
            List<Polygon> b = Results.polygons(tmp.resolve("one/cells.geojson"));
            assertThat(NucleusMatching.f1(a, b, 0.5)).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void unetThroughTheHematoxylinChannelFindsNucleiInTheTissue() throws Exception {
        Path slide = SharedData.cmuSmallRegion();
        Path unet = SharedData.unet();
        long[] region = {900, 1200, 768, 768};
        try (OnnxModel model = OnnxModel.open(ModelLoader.load(unet), Device.CPU);
             OnnxModel classical = OnnxModel.open(ModelLoader.loadDefault(), Device.CPU)) {
            SegmentSummary summary = segmentation().run(request(slide, "unet", unet.toString(), 512, 64, region, true), model,
                    SegmentationListener.NONE);
            assertThat(summary.tile()).as("512 px input minus two 64 px halos").isEqualTo(384);
            assertThat(summary.cells()).isGreaterThan(100);
            segmentation().run(request(slide, "classical", "default", 512, 64, region, true), classical, SegmentationListener.NONE);
            List<Polygon> learned = Results.polygons(tmp.resolve("unet/cells.geojson"));
            List<Polygon> reference = Results.polygons(tmp.resolve("classical/cells.geojson"));
            assertThat(NucleusMatching.f1(learned, reference, 0.3))
                    .as("the unet and the classical detector agree on many nuclei").isGreaterThan(0.4);
        }
    }
}
