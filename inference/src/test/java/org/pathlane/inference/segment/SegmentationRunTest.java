package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.OnnxModel;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.testdata.InMemorySlide;
import org.pathlane.inference.export.Measurement;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.tissue.TissueDetector;
import org.pathlane.inference.testdata.NucleusMatching;
import org.pathlane.inference.testdata.Results;
import org.pathlane.inference.testdata.SyntheticTissue;

/** Whole runs on a synthetic slide: outputs, batching and tiling invariance, cancellation and resume. */
class SegmentationRunTest {

    private static final SyntheticTissue.Slide SLIDE = SyntheticTissue.slide(11, 1100, 700, 700, 120);
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

    static Segmentation segmentation() {
        return new Segmentation(p -> new InMemorySlide(SLIDE.image(), p.toString(), OptionalDouble.of(0.5)),
                TissueDetector.defaults()::detect);
    }

    private SegmentRequest request(String name, int tile, int batch) {
        return new SegmentRequest(Path.of("synthetic.png"), tmp.resolve(name), "default", Device.CPU, tile, 32, batch,
                Optional.empty(), 0.05, true, OptionalDouble.empty());
    }

    @Test
    void aCropWithoutGlassIsSegmentedWhole() throws Exception {
        // An exported tile or an annotated image: tissue edge to edge. It used to give 0 nuclei, "succeeded".
        List<SyntheticTissue.Disc> discs = SyntheticTissue.randomDiscs(17, 600, 500, 70);
        BufferedImage crop = SyntheticTissue.paint(600, 500, discs);
        Segmentation segmentation = new Segmentation(p -> new InMemorySlide(crop, p.toString(), OptionalDouble.of(0.5)),
                TissueDetector.defaults()::detect);
        SegmentSummary summary = segmentation.run(request("crop", 256, 4), model, SegmentationListener.NONE);
        assertThat(summary.tilesTissue()).isEqualTo(summary.tilesTotal());
        assertThat(summary.cells()).isEqualTo(discs.size());
        assertThat(summary.stain()).startsWith("hematoxylin level");
    }

    @Test
    void exportsAgreeWithEachOtherAndFindEveryDisc() throws Exception {
        SegmentRequest r = request("run", 192, 4);
        SegmentSummary summary = segmentation().run(r, model, SegmentationListener.NONE);

        assertThat(summary.cells()).isEqualTo(SLIDE.discs().size());
        assertThat(summary.tilesTissue()).isLessThan(summary.tilesTotal());
        assertThat(summary.tilesSkipped()).isEqualTo(summary.tilesTotal() - summary.tilesTissue()).isPositive();
        assertThat(summary.device()).isEqualTo("cpu");

        JsonNode json = Results.json(r.out().resolve("summary.json"));
        assertThat(json.fieldNames()).toIterable().contains("slide", "width", "height", "mpp", "model", "device", "tile",
                "halo", "batch", "tilesTotal", "tilesTissue", "cells", "seconds");
        assertThat(json.path("seconds").fieldNames()).toIterable()
                .containsExactly("open", "tissue", "read", "infer", "post", "write", "total");

        List<String> csv = Files.readAllLines(r.out().resolve("cells.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        JsonNode features = Results.json(r.out().resolve("cells.geojson")).path("features");
        assertThat(csv).hasSize((int) summary.cells() + 1);
        assertThat(features.size()).isEqualTo((int) summary.cells());
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String[] row = csv.get(i + 1).split(",");
            assertThat(f.path("properties").path("cellId").asLong()).isEqualTo(Long.parseLong(row[0])).isEqualTo(i + 1);
            assertThat(f.path("type").asText()).isEqualTo("Feature");
            assertThat(f.path("properties").path("objectType").asText()).isEqualTo("detection");
            assertThat(f.path("properties").path("classification").path("name").asText()).isEqualTo("Nucleus");
            assertThat(f.path("properties").path("measurements").path("Centroid X px").asDouble())
                    .isCloseTo(Double.parseDouble(row[1]), org.assertj.core.data.Offset.offset(0.01));
            // Every measurement, the same value in both files; the painted nuclei are discs of nuclear stain.
            JsonNode values = f.path("properties").path("measurements");
            for (Measurement m : Measurement.of(PixelChannels.Kind.BRIGHTFIELD)) {
                int column = header.indexOf(m.csvColumn());
                assertThat(column).as("column %s", m.csvColumn()).isPositive();
                assertThat(values.has(m.key())).as("key %s", m.key()).isTrue();
                assertThat(Double.parseDouble(row[column])).as("nucleus %d: %s", i + 1, m.key())
                        .isEqualTo(values.path(m.key()).asDouble());
            }
            assertThat(values.path("Circularity").asDouble()).as("a painted disc").isGreaterThan(0.85);
            assertThat(values.path("Eccentricity").asDouble()).as("a painted disc").isLessThan(0.6);
            assertThat(values.path("Hematoxylin OD mean").asDouble()).as("a nucleus")
                    .isGreaterThan(values.path("Eosin OD mean").asDouble());
            assertThat(Double.parseDouble(row[header.indexOf("mean_od")]))
                    .isEqualTo(values.path("Hematoxylin OD mean").asDouble())
                    .isEqualTo(Double.parseDouble(row[header.indexOf("hematoxylin_od_mean")]));
        }
        for (Polygon p : Results.polygons(r.out().resolve("cells.geojson"))) {
            assertThat(p.isValid()).as("valid polygon %s", p).isTrue();
            assertThat(p.getExteriorRing().isClosed()).isTrue();
        }
        BufferedImage tissue = ImageIO.read(r.out().resolve("tissue.png").toFile());
        BufferedImage overlay = ImageIO.read(r.out().resolve("overlay.png").toFile());
        assertThat(tissue.getWidth()).isEqualTo(overlay.getWidth()).isPositive();
        assertThat(tissue.getHeight()).isEqualTo(overlay.getHeight());
        assertThat(Files.exists(r.out().resolve(Checkpoint.DIR))).as("checkpoint removed after success").isFalse();
    }

    @Test
    void batchOfOneAndBatchOfEightGiveIdenticalResults() throws Exception {
        segmentation().run(request("b1", 128, 1), model, SegmentationListener.NONE);
        segmentation().run(request("b8", 128, 8), model, SegmentationListener.NONE);
        assertThat(Files.readString(tmp.resolve("b1/cells.csv"))).isEqualTo(Files.readString(tmp.resolve("b8/cells.csv")));
        assertThat(Files.readString(tmp.resolve("b1/cells.geojson"))).isEqualTo(Files.readString(tmp.resolve("b8/cells.geojson")));
    }

    @Test
    void smallTilesFindTheSameNucleiAsOneTile() throws Exception {
        segmentation().run(request("small", 128, 8), model, SegmentationListener.NONE);
        SegmentSummary whole = segmentation().run(request("whole", 4096, 1), model, SegmentationListener.NONE);
        assertThat(whole.tilesTotal()).isEqualTo(1);
        List<Polygon> small = Results.polygons(tmp.resolve("small/cells.geojson"));
        List<Polygon> one = Results.polygons(tmp.resolve("whole/cells.geojson"));
        assertThat(NucleusMatching.f1(small, one, 0.5)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void aCancelledRunStopsWithinABatchAndResumesToTheSameResult() throws Exception {
        SegmentRequest r = request("resume", 128, 2);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        SegmentationListener cancelAfterFirst = new SegmentationListener() {
            @Override
            public void tileDone(int col, int row, List<Nucleus> cells) {
                seen.add(col + "," + row);
            }

            @Override
            public boolean cancelled() {
                return !seen.isEmpty();
            }
        };
        assertThatThrownBy(() -> segmentation().run(r, model, cancelAfterFirst)).isInstanceOf(CancellationException.class);
        int finishedBeforeCancel = seen.size();
        assertThat(finishedBeforeCancel).as("only the tiles already in flight finish")
                .isBetween(1, 1 + SegmentationPipeline.inFlightLimit(2));
        try (var left = Files.list(r.out())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("a stopped run leaves its checkpoint, and no half-written results")
                    .contains("checkpoint").doesNotContain("cells.csv", "cells.geojson", "cells.csv.part", "cells.geojson.part");
        }

        java.util.concurrent.atomic.AtomicLong firstProgress = new java.util.concurrent.atomic.AtomicLong(-1);
        SegmentationListener resume = new SegmentationListener() {
            @Override
            public void progress(long done, long total) {
                if (firstProgress.get() < 0) {
                    firstProgress.set(done);
                }
            }
        };
        segmentation().run(r, model, resume);
        assertThat(firstProgress.get()).as("resumed tiles count as done").isEqualTo(finishedBeforeCancel);
        segmentation().run(request("straight", 128, 2), model, SegmentationListener.NONE);
        assertThat(Files.readString(tmp.resolve("resume/cells.csv"))).isEqualTo(Files.readString(tmp.resolve("straight/cells.csv")));
    }

    @Test
    void anInterruptedRunReturnsOnlyAfterItsThreadsHaveStopped() {
        // The caller closes the model next: an inference or write still running would use freed memory.
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicBoolean writerDone = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean callerBack = new java.util.concurrent.atomic.AtomicBoolean();
        SegmentationListener interruptFromTheWriter = new SegmentationListener() {
            @Override
            public void tileDone(int col, int row, List<Nucleus> cells) {
                if (!first.getAndSet(false)) {
                    return;
                }
                caller.interrupt();
                // Still busy until the caller waits for this thread (or, wrongly, has already returned).
                while (!callerBack.get() && caller.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                writerDone.set(true);
            }
        };
        boolean writerDoneWhenBack;
        try {
            assertThatThrownBy(() -> segmentation().run(request("interrupted", 128, 2), model, interruptFromTheWriter))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            writerDoneWhenBack = writerDone.get();
            callerBack.set(true);
            Thread.interrupted();
        }
        assertThat(writerDoneWhenBack).as("the writer's call had finished when run() returned").isTrue();
    }

    @Test
    void aModelInputThatLeavesNoCoreInsideTheHaloIsAnErrorNamingTheModel() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tiny-model"));
        Files.write(dir.resolve("w.onnx"), ModelLoader.loadDefault().weights().read());
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"w.onnx","input":{"name":"rgb","channels":3,"minSize":96,"step":0},
                 "output":{"name":"foreground","kind":"probability"},"pixelSize":0.5}""");
        SegmentRequest r = new SegmentRequest(Path.of("synthetic.png"), tmp.resolve("tiny"), dir.toString(), Device.CPU,
                128, 48, 1, Optional.empty(), 0.05, true, OptionalDouble.empty());
        assertThatThrownBy(() -> segmentation().run(r, SegmentationListener.NONE))
                .isInstanceOf(org.pathlane.inference.model.ModelException.class)
                .hasMessageContaining("model.json").hasMessageContaining("only takes 96 px");
    }

    @Test
    void aResumeOverASlideWhosePixelsChangedUnderTheSameIdSegmentsThemAgain() throws Exception {
        // The same size and id (as a file edited in place, or re-exported under its name, keeps its size
        // and first and last bytes), the same tissue band, other nuclei.
        SyntheticTissue.Slide other = SyntheticTissue.slide(99, 1100, 700, 700, 120);
        java.util.concurrent.atomic.AtomicReference<BufferedImage> pixels = new java.util.concurrent.atomic.AtomicReference<>(SLIDE.image());
        Segmentation changing = new Segmentation(p -> new InMemorySlide(pixels.get(), p.toString(), OptionalDouble.of(0.5)),
                TissueDetector.defaults()::detect);
        SegmentRequest r = request("changed", 128, 2);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        SegmentationListener cancelMidway = new SegmentationListener() {
            @Override
            public void tileDone(int col, int row, List<Nucleus> cells) {
                finished.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return finished.get() >= 6;
            }
        };
        assertThatThrownBy(() -> changing.run(r, model, cancelMidway)).isInstanceOf(CancellationException.class);
        pixels.set(other.image());
        SegmentSummary resumed = changing.run(r, model, SegmentationListener.NONE);

        assertThat(resumed.cells()).as("every nucleus of the slide as it is now").isEqualTo(other.discs().size());
        segmentation(other).run(request("straight-other", 128, 2), model, SegmentationListener.NONE);
        assertThat(Files.readString(tmp.resolve("changed/cells.csv")))
                .isEqualTo(Files.readString(tmp.resolve("straight-other/cells.csv")));
    }

    static Segmentation segmentation(SyntheticTissue.Slide slide) {
        return new Segmentation(p -> new InMemorySlide(slide.image(), p.toString(), OptionalDouble.of(0.5)),
                TissueDetector.defaults()::detect);
    }

    @Test
    void aResultThatCannotBeNucleiFailsAndKeepsThePreviousResults() throws Exception {
        SegmentRequest good = request("kept", 128, 2);
        segmentation().run(good, model, SegmentationListener.NONE);
        String before = Files.readString(good.out().resolve("cells.csv"));
        String summaryBefore = Files.readString(good.out().resolve("summary.json"));

        // The default detector's probabilities put through a sigmoid again: all above 0.5, every pixel foreground.
        Path dir = Files.createDirectories(tmp.resolve("everything-model"));
        Files.write(dir.resolve("w.onnx"), ModelLoader.loadDefault().weights().read());
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"w.onnx","input":{"name":"rgb","channels":3,"minSize":32,"step":1},
                 "output":{"name":"foreground","kind":"probability","sigmoid":true},"pixelSize":0.5}""");
        SegmentRequest bad = new SegmentRequest(Path.of("synthetic.png"), good.out(), dir.toString(), Device.CPU, 128, 32, 2,
                Optional.empty(), 0.05, true, OptionalDouble.empty());
        assertThatThrownBy(() -> segmentation().run(bad, SegmentationListener.NONE))
                .isInstanceOf(ImplausibleResultException.class)
                .hasMessageContaining("synthetic.png").hasMessageContaining("--mpp").hasMessageContaining("model");
        assertThat(Files.readString(good.out().resolve("cells.csv"))).as("the previous cells are kept").isEqualTo(before);
        assertThat(Files.readString(good.out().resolve("summary.json"))).isEqualTo(summaryBefore);
    }
}
