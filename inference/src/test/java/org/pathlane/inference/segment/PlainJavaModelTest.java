package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.ChannelChoice;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.OutputKind;
import org.pathlane.inference.model.PostprocessParams;
import org.pathlane.inference.model.Preprocessing;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.model.WeightsSource;
import org.pathlane.inference.testdata.InMemorySlide;
import org.pathlane.inference.testdata.Results;
import org.pathlane.inference.testdata.SyntheticTissue;
import org.pathlane.inference.tissue.TissueDetector;

/**
 * The pipeline through the model seam with no inference engine at all: a plain Java model that labels
 * each dark blob of a tile with its own instance id, as InstanSeg's labels output does. Instances cut by
 * tile seams must come out once each, and the summary must say which model, engine and weights made them.
 */
class PlainJavaModelTest {

    private static final SyntheticTissue.Slide SLIDE = SyntheticTissue.slide(23, 1000, 640, 640, 110);

    @TempDir
    Path tmp;

    /** Labels dark pixels by 4-connected component; ids restart in every sample, like any labels model's. */
    static final class BlobLabeller implements SegmentationModel {
        final AtomicInteger batches = new AtomicInteger();
        private final ModelSpec spec;
        /** The red value at or under which a pixel is nucleus, in the model's input units. */
        private final float dark;

        BlobLabeller() {
            this(List.of(), 120);
        }

        BlobLabeller(List<Preprocessing> preprocessing, float dark) {
            this.dark = dark;
            this.spec = new ModelSpec("blob labeller", Path.of("java/model.json"),
                    WeightsSource.ofFile(Path.of("java/blobs.weights")), null, "rgb", "labels", 3, 0, 32, 32, 0,
                    preprocessing, ChannelChoice.RGB, OutputKind.LABELS, false, 0, 0.5, true, PostprocessParams.DEFAULT,
                    false, Optional.empty(), Optional.empty());
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public ModelEngine engine() {
            return ModelEngine.AUTO;
        }

        @Override
        public String engineVersion() {
            return "plain Java";
        }

        @Override
        public String weightsDigest() {
            return "0".repeat(64);
        }

        @Override
        public String device() {
            return "cpu";
        }

        @Override
        public String deviceNote() {
            return "";
        }

        @Override
        public int fixedBatch() {
            return 0;
        }

        @Override
        public int fixedSize() {
            return 0;
        }

        @Override
        public float[] run(List<float[]> samples, int n, int size) {
            batches.incrementAndGet();
            int pixels = size * size;
            float[] out = new float[n * pixels];
            int sample = 0;
            for (float[] s : samples) {
                for (int offset = 0; offset + 3 * pixels <= s.length; offset += 3 * pixels, sample++) {
                    label(s, offset, size, out, sample * pixels, dark);
                }
            }
            return out;
        }

        private static void label(float[] rgb, int from, int size, float[] out, int to, float dark) {
            int pixels = size * size;
            int next = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int start = 0; start < pixels; start++) {
                if (out[to + start] != 0 || rgb[from + start] > dark) {
                    continue;
                }
                out[to + start] = ++next;
                queue.add(start);
                while (!queue.isEmpty()) {
                    int p = queue.poll();
                    int x = p % size;
                    int y = p / size;
                    int[] neighbours = {x > 0 ? p - 1 : -1, x < size - 1 ? p + 1 : -1, y > 0 ? p - size : -1,
                            y < size - 1 ? p + size : -1};
                    for (int q : neighbours) {
                        if (q >= 0 && out[to + q] == 0 && rgb[from + q] <= dark) {
                            out[to + q] = next;
                            queue.add(q);
                        }
                    }
                }
            }
        }

        @Override
        public void close() {
        }
    }

    private SegmentRequest request(String name) {
        return new SegmentRequest(Path.of("synthetic.png"), tmp.resolve(name), "java", Device.CPU, 160,
                32, 4, Optional.empty(), 0.05, true, OptionalDouble.empty(), ModelEngine.AUTO);
    }

    private static Segmentation segmentation() {
        return new Segmentation(p -> new InMemorySlide(SLIDE.image(), p.toString(), OptionalDouble.of(0.5)),
                TissueDetector.defaults()::detect);
    }

    @Test
    void percentileNormalisationIsFittedOnceToTheSlidesTissue() throws Exception {
        // InstanSeg's preprocessing: red at the tissue's 0.1th..99.9th percentile maps to 0..1.
        BlobLabeller model = new BlobLabeller(List.of(new Preprocessing.ScaleRange(0.1, 99.9, 1e-6f, false)), 0.35f);
        SegmentRequest request = request("normalised");
        SegmentSummary summary = segmentation().run(request, model, SegmentationListener.NONE);
        assertThat(summary.cells()).isEqualTo(SLIDE.discs().size());
        JsonNode provenance = Results.json(request.out().resolve("summary.json")).path("provenance");
        assertThat(provenance.path("preprocessing").get(0).asText()).startsWith("scale_range over the slide's tissue");
    }

    @Test
    void labelInstancesCutByTileSeamsComeOutOnceEach() throws Exception {
        BlobLabeller model = new BlobLabeller();
        SegmentRequest request = request("out");
        SegmentSummary summary = segmentation().run(request, model, SegmentationListener.NONE);

        assertThat(summary.tilesTissue()).as("a run over many tiles, so many discs cross seams").isGreaterThan(9);
        assertThat(summary.cells()).isEqualTo(SLIDE.discs().size());
        assertThat(model.batches.get()).isPositive();

        JsonNode provenance = Results.json(request.out().resolve("summary.json")).path("provenance");
        assertThat(provenance.path("pathlane").asText()).isNotBlank();
        assertThat(provenance.path("model").path("name").asText()).isEqualTo("blob labeller");
        assertThat(provenance.path("model").path("weightsSha256").asText()).isEqualTo("0".repeat(64));
        assertThat(provenance.path("model").path("postprocessing").path("outputKind").asText()).isEqualTo("labels");
        assertThat(provenance.path("engine").path("version").asText()).isEqualTo("plain Java");
        assertThat(provenance.path("parameters").path("tile").asInt()).isEqualTo(160);
        assertThat(provenance.path("parameters").path("engine").asText()).isEqualTo("auto");
        assertThat(provenance.path("parameters").path("mpp").isNull()).isTrue();
        assertThat(provenance.path("slide").path("fingerprint").asText()).isNotBlank();
        assertThat(provenance.path("pixelSize").path("slideUm").asDouble()).isEqualTo(0.5);
        assertThat(provenance.path("pixelSize").path("slideSource").asText()).isEqualTo("slide");
    }
}
