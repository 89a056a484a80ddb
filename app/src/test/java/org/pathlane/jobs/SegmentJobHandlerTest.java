package org.pathlane.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.cli.SegmentTestSlides;
import org.pathlane.inference.segment.TileCells;
import org.pathlane.scheduler.api.CancellationToken;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.ProgressSink;

class SegmentJobHandlerTest {

    @TempDir
    Path tmp;

    /** A JobContext that records what the job reports. */
    private static final class RecordingContext implements JobContext {
        final Map<String, Object> params;
        final Path dir;
        final List<long[]> progress = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<Object> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean cancel = new AtomicBoolean();

        RecordingContext(Map<String, Object> params, Path dir) {
            this.params = params;
            this.dir = dir;
        }

        @Override public String user() { return "tech"; }
        @Override public String workflowId() { return "wf"; }
        @Override public String jobId() { return "job"; }
        @Override public int attempt() { return 1; }
        @Override public Map<String, Object> params() { return params; }
        @Override public Path resultDir() { return dir; }
        @Override public Path resultDirOf(String jobId) { return dir.resolveSibling(jobId); }
        @Override public CancellationToken cancellation() { return cancel::get; }
        @Override public ProgressSink progress() {
            return (done, total, message) -> {
                progress.add(new long[] {done, total});
                messages.add(message);
            };
        }
        @Override public void emit(Object payload) {
            events.add(payload);
            if (payload instanceof TileCells) {
                cancelAfterFirstTile();
            }
        }

        boolean cancelOnFirstTile;

        private void cancelAfterFirstTile() {
            if (cancelOnFirstTile) {
                cancel.set(true);
            }
        }
    }

    @Test
    void runsIntoTheResultFolderReportingProgressAndPerTileCells() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("s.png"), 800, 500, 60, 5);
        RecordingContext ctx = new RecordingContext(Map.of("slide", slide.toString(), "tile", 256, "halo", 32,
                "device", "cpu", "mpp", 0.5), tmp.resolve("job"));
        new SegmentJobHandler().run(ctx);

        assertThat(ctx.dir.resolve("cells.geojson")).isNotEmptyFile();
        long[] last = ctx.progress.get(ctx.progress.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]).isPositive();
        assertThat(ctx.events).hasSize((int) last[1]).allMatch(e -> e instanceof TileCells);
        long cells = ctx.events.stream().mapToLong(e -> ((TileCells) e).cells().size()).sum();
        assertThat(Files.readAllLines(ctx.dir.resolve("cells.csv"))).hasSize((int) cells + 1);
    }

    @Test
    void aNodesDeviceAppliesToJobsThatLeaveItToTheNode() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("s.png"), 400, 300, 10, 5);
        SegmentJobHandler gpuNode = new SegmentJobHandler(org.pathlane.inference.segment.Segmentations.standard(),
                org.pathlane.inference.model.Device.CUDA);
        // No GPU here: a node started with --device cuda must not quietly run an auto job on the CPU.
        RecordingContext auto = new RecordingContext(Map.of("slide", slide.toString(), "device", "auto", "mpp", 0.5),
                tmp.resolve("auto"));
        assertThatThrownBy(() -> gpuNode.run(auto)).hasMessageContaining("--device cuda");
        RecordingContext cpu = new RecordingContext(Map.of("slide", slide.toString(), "device", "cpu", "mpp", 0.5),
                tmp.resolve("cpu"));
        gpuNode.run(cpu);
        assertThat(cpu.dir.resolve("summary.json")).isNotEmptyFile();
    }

    @Test
    void aCancelledJobStopsWithinABatch() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("s.png"), 1200, 800, 60, 5);
        RecordingContext ctx = new RecordingContext(Map.of("slide", slide.toString(), "tile", 128, "halo", 32,
                "batch", 2, "device", "cpu", "mpp", 0.5), tmp.resolve("job"));
        ctx.cancelOnFirstTile = true;
        assertThatThrownBy(() -> new SegmentJobHandler().run(ctx)).isInstanceOf(CancellationException.class);
        long[] last = ctx.progress.get(ctx.progress.size() - 1);
        assertThat(last[0]).as("tiles finished after the cancel: at most the batches in flight").isLessThan(last[1]);
        assertThat(ctx.dir.resolve("summary.json")).doesNotExist();
    }

    @Test
    void validationNamesTheBadField() {
        SegmentJobHandler handler = new SegmentJobHandler();
        assertThatThrownBy(() -> handler.validate(Map.of())).hasMessageContaining("'slide'");
        assertThatThrownBy(() -> handler.validate(Map.of("slide", "a.svs", "tile", "big"))).hasMessageContaining("'tile'");
        assertThatThrownBy(() -> handler.validate(Map.of("slide", "a.svs", "colour", 1))).hasMessageContaining("'colour'");
        assertThatThrownBy(() -> handler.validate(Map.of("slide", "a.svs", "device", "tpu"))).hasMessageContaining("tpu");
        handler.validate(Map.of("slide", "a.svs", "region", "0,0,100,100", "noTissue", true));
        assertThatThrownBy(() -> handler.validate(Map.of("slide", "a.svs", "engine", "tensorflow")))
                .hasMessageContaining("segment job: parameter 'engine' (Engine) must be one of auto, onnx, torchscript, got \"tensorflow\"");
        handler.validate(Map.of("slide", "a.svs", "engine", "torchscript"));
        assertThat(SegmentJobHandler.request(Map.of("slide", "a.svs", "engine", "torchscript"), Path.of("out")).engine())
                .isEqualTo(org.pathlane.inference.model.ModelEngine.TORCHSCRIPT);
        assertThat(handler.type()).isEqualTo("segment");
    }

    @Test
    void aDoubtfulResultShowsItsWarningsInTheJobsLastMessageAndSummary() throws Exception {
        // Stroma with no nuclei at all: plenty of tissue, nothing found.
        Path slide = SegmentTestSlides.write(tmp.resolve("empty.png"), 900, 600, 0, 5);
        RecordingContext ctx = new RecordingContext(Map.of("slide", slide.toString(), "tile", 128, "halo", 32,
                "device", "cpu", "mpp", 0.5), tmp.resolve("doubtful"));
        new SegmentJobHandler().run(ctx);

        assertThat(ctx.messages.get(ctx.messages.size() - 1)).contains("warning: no nuclei found on");
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ctx.dir.resolve("summary.json").toFile());
        assertThat(summary.path("warnings").get(0).asText()).contains("no nuclei found on");
    }
}
