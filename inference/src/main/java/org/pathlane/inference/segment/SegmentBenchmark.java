package org.pathlane.inference.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.stitch.TileWindow;
import org.pathlane.inference.tiling.TileReader;

/**
 * Measures, in one run on one slide and model, what the spec's benchmark asks: the naive baseline (every
 * tile, no tissue detection, read → infer → post-process one tile at a time, ONNX Runtime using every
 * core as it does by default), each stage alone on the
 * tissue tiles with the pipeline's own thread counts (reading; inference on tiles already in memory;
 * post-processing of outputs already in memory), and the real pipeline.
 */
public final class SegmentBenchmark {

    /**
     * @param naiveTilesMeasured tiles the naive baseline really ran; when fewer than {@code tilesAll}, its
     *                           time is extrapolated from their mean
     * @param inPipeline         the real run's summary: where its time went (busy seconds per stage, summed
     *                           over the stage's threads; tissue detection; checkpoint and exports)
     */
    public record Figures(int tilesAll, int tilesTissue, int naiveTilesMeasured, double naive, double readOnly,
            double inferOnly, double postOnly, double pipeline, long cells, String device, SegmentSummary inPipeline) {

        public double efficiency() {
            return Math.max(readOnly, Math.max(inferOnly, postOnly)) / pipeline;
        }

        public boolean naiveExtrapolated() {
            return naiveTilesMeasured < tilesAll;
        }
    }

    /** Tissue tiles run through every stage before any clock starts. */
    public static final int WARM_UP_TILES = 200;

    private SegmentBenchmark() {
    }

    /**
     * @param model      the model as the pipeline opens it ({@link SegmentationPipeline#inferenceCpuThreads()})
     * @param naiveModel the same model as a plain program would open it (ONNX Runtime's own thread count)
     * @param naiveLimit at most this many tiles for the naive baseline (evenly spread), 0 for all
     */
    public static Figures run(Segmentation segmentation, SegmentRequest request, SegmentationModel model, SegmentationModel naiveModel,
            int naiveLimit) throws IOException, InterruptedException {
        Segmentation.Plan plan;
        List<TileWindow> all;
        double naive;
        int naiveMeasured;
        double readOnly;
        double inferOnly;
        double postOnly;
        try (SlideReader slide = segmentation.openSlide(request.slide())) {
            plan = segmentation.plan(request, model, slide);
            TileSegmenter segmenter = plan.segmenter(model);
            TileSegmenter naiveSegmenter = plan.segmenter(naiveModel);
            all = plan.allTiles();
            SegmentationPipeline.TilePixels reader = Segmentation.pixels(new TileReader(slide, plan.grid()), plan.stain());
            List<TileWindow> sample = spread(all, naiveLimit);
            naiveMeasured = sample.size();
            // The naive baseline runs first: without a warm-up it would also pay for the JIT compiling the
            // post-processing (a few hundred tiles), which every later measurement is spared.
            for (TileWindow w : spread(plan.tissueTiles(), WARM_UP_TILES)) {
                TileSegmenter.Tile tile = reader.tile(w);
                naiveSegmenter.postProcess(naiveSegmenter.infer(List.of(tile)).get(0));
            }
            long t0 = System.nanoTime();
            for (TileWindow w : sample) {
                TileSegmenter.Tile tile = reader.tile(w);
                naiveSegmenter.postProcess(naiveSegmenter.infer(List.of(tile)).get(0));
            }
            naive = (System.nanoTime() - t0) / 1e9 * all.size() / Math.max(1, sample.size());

            List<TileWindow> tissue = plan.tissueTiles();
            // What the pipeline's read stage does: read, decode and pack each tile for the model.
            readOnly = parallel(SegmentationPipeline.workerThreads(model.device()), tissue.size(),
                    i -> segmenter.prepare(reader.tile(tissue.get(i))));

            // Tiles kept in memory are spread over the tissue, not the first ones of the grid (often edge
            // tiles with little tissue): post-processing time depends on how many nuclei a tile holds.
            List<TileWindow> kept = spread(tissue, Math.max(1, 2 * request.batch()));
            List<TileSegmenter.Tile> inMemory = new ArrayList<>();
            for (TileWindow w : kept) {
                inMemory.add(segmenter.prepare(reader.tile(w)));
            }
            int batch = request.batch();
            int batches = (tissue.size() + batch - 1) / batch;
            List<TileSegmenter.Tile> inferred = new ArrayList<>();
            for (int i = 0; i < inMemory.size(); i += batch) {
                inferred.addAll(segmenter.infer(inMemory.subList(i, Math.min(i + batch, inMemory.size()))));
            }
            inferOnly = parallel(SegmentationPipeline.inferThreads(segmenter), batches, b -> {
                int n = Math.min(batch, tissue.size() - b * batch);
                List<TileSegmenter.Tile> group = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    group.add(inMemory.get((b * batch + i) % inMemory.size()));
                }
                return segmenter.infer(group);
            });
            postOnly = parallel(SegmentationPipeline.workerThreads(model.device()), tissue.size(),
                    i -> segmenter.postProcess(inferred.get(i % inferred.size())));
        }
        Path out = Files.createTempDirectory("pathlane-bench-");
        try {
            SegmentRequest real = new SegmentRequest(request.slide(), out, request.model(), request.device(),
                    request.tile(), request.halo(), request.batch(), request.region(), request.tissueThreshold(),
                    request.useTissue(), request.mpp(), request.engine());
            long t0 = System.nanoTime();
            SegmentSummary summary = segmentation.run(real, model, SegmentationListener.NONE);
            double pipeline = (System.nanoTime() - t0) / 1e9;
            return new Figures(all.size(), plan.tissueTiles().size(), naiveMeasured, naive, readOnly, inferOnly, postOnly,
                    pipeline, summary.cells(), model.device(), summary);
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Work that may fail with an I/O error, for one index. */
    @FunctionalInterface
    private interface Task {
        Object run(int index) throws IOException;
    }

    /** Wall-clock seconds to run {@code count} tasks on {@code threads} threads. */
    private static double parallel(int threads, int count, Task task) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<Object>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    return null; // results are dropped at once: memory stays flat over thousands of tiles
                }));
            }
            for (Future<Object> f : futures) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** At most {@code limit} tiles spread evenly over the grid (all when {@code limit} is 0). */
    private static List<TileWindow> spread(List<TileWindow> all, int limit) {
        if (limit <= 0 || all.size() <= limit) {
            return all;
        }
        List<TileWindow> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(all.get((int) ((long) i * all.size() / limit)));
        }
        return out;
    }
}
