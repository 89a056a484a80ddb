package org.pathlane.inference.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tiles through read → infer → post-process → write, each stage on its own threads, overlapping.
 * A semaphore bounds the tiles in flight, so memory stays flat however many tiles the slide has. Tiles
 * go to the model in batches in grid order; results are checkpointed as they come (in any order).
 * Cancellation is checked before each batch is read and again before it is inferred.
 */
public final class SegmentationPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationPipeline.class);

    /** Reads one tile's ARGB pixels (halo included). */
    @FunctionalInterface
    public interface TilePixels {
        /** The pixels the model is shown. */
        int[] read(TileWindow window) throws IOException;

        /** The tile as the pipeline carries it: the model's pixels and the slide's own, which are measured. */
        default TileSegmenter.Tile tile(TileWindow window) throws IOException {
            return new TileSegmenter.Tile(window, read(window));
        }
    }

    private final TileSegmenter segmenter;
    private final TilePixels source;
    private final int batch;
    private final int workerThreads;

    public SegmentationPipeline(TileSegmenter segmenter, TilePixels source, int batch) {
        this.segmenter = segmenter;
        this.source = source;
        this.batch = Math.max(1, batch);
        this.workerThreads = workerThreads(segmenter.model().device());
    }

    /**
     * Tiles read but not yet written, at most: what a cancel may still let finish, and what bounds memory.
     * Three batches: one being read, one being inferred, one being post-processed.
     */
    static int inFlightLimit(int batch) {
        return Math.max(3 * batch, batch + 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Threads that read and post-process tiles: the cores CPU inference leaves free, or every core when
     * a GPU infers. One pool does both, so the pipeline never has more busy threads than cores, and
     * inference keeps its share of them.
     *
     * @param device the model's device, {@code cpu} or {@code cuda}
     */
    static int workerThreads(String device) {
        int cores = Runtime.getRuntime().availableProcessors();
        return "cpu".equals(device) ? Math.max(1, cores - inferenceCpuThreads()) : cores;
    }

    /**
     * Threads ONNX Runtime may use inside one CPU inference call: half the cores. Reading and
     * post-processing run on the same cores at the same time; with every core given to inference as
     * well, the stages fight over them (and ONNX Runtime's own threads pay for the sharing), while half
     * the cores keep inference busy on its own share with the rest reading and post-processing beside it.
     */
    public static int inferenceCpuThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** One thread feeds a dynamic-batch model whole batches; fixed-batch models get two concurrent calls. */
    static int inferThreads(TileSegmenter segmenter) {
        return segmenter.model().fixedBatch() == 0 ? 1 : 2;
    }

    /**
     * Segments every tile not yet in the checkpoint.
     *
     * @throws CancellationException when the listener asked to stop (finished tiles stay checkpointed)
     */
    public StageTimes run(List<TileWindow> tiles, Checkpoint checkpoint, SegmentationListener listener)
            throws IOException, InterruptedException {
        StageTimes times = new StageTimes();
        long total = tiles.size();
        ExecutorService workers = Executors.newFixedThreadPool(workerThreads, Thread.ofPlatform().name("segment-work-", 0).factory());
        List<TileWindow> todo;
        try {
            todo = resume(tiles, checkpoint, listener, workers, times);
        } catch (IOException | InterruptedException | RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        long alreadyDone = total - todo.size();
        AtomicLong done = new AtomicLong(alreadyDone);
        listener.progress(alreadyDone, total);
        int limit = inFlightLimit(batch);
        Semaphore permits = new Semaphore(limit);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean cancelled = false;
        ExecutorService inferers = Executors.newFixedThreadPool(inferThreads(segmenter),
                Thread.ofPlatform().name("segment-infer-", 0).factory());
        ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("segment-write").factory());
        try {
            for (int i = 0; i < todo.size() && failure.get() == null; i += batch) {
                if (listener.cancelled()) {
                    cancelled = true;
                    break;
                }
                List<TileWindow> group = todo.subList(i, Math.min(i + batch, todo.size()));
                permits.acquire(group.size());
                List<CompletableFuture<TileSegmenter.Tile>> reads = group.stream()
                        .map(w -> CompletableFuture.supplyAsync(timed(times, Stage.READ,
                                () -> segmenter.prepare(readWholeTile(w))), workers))
                        .toList();
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                        .thenApplyAsync(v -> {
                            if (failure.get() != null || listener.cancelled()) {
                                return List.<TileSegmenter.Tile>of();
                            }
                            List<TileSegmenter.Tile> in = reads.stream().map(CompletableFuture::join).toList();
                            return timed(times, Stage.INFER, () -> segmenter.infer(in)).get();
                        }, inferers)
                        .whenComplete((outs, error) -> {
                            if (error != null || outs.isEmpty()) {
                                record(failure, error);
                                permits.release(group.size());
                                return;
                            }
                            for (TileSegmenter.Tile out : outs) {
                                CompletableFuture.supplyAsync(timed(times, Stage.POST, () -> segmenter.postProcess(out)), workers)
                                        .thenApply(cells -> new Segmented(Checkpoint.digest(out.argb()), cells))
                                        .thenAcceptAsync(result -> {
                                            long start = System.nanoTime();
                                            List<Nucleus> stored = write(checkpoint, out.window(), result.pixels(), result.cells());
                                            listener.tileDone(out.window().col(), out.window().row(), stored);
                                            listener.progress(done.incrementAndGet(), total);
                                            times.write.add(System.nanoTime() - start);
                                        }, writer)
                                        .whenComplete((v, e) -> {
                                            record(failure, e);
                                            permits.release();
                                        });
                            }
                        });
            }
            permits.acquire(limit);
        } finally {
            workers.shutdownNow();
            inferers.shutdownNow();
            writer.shutdownNow();
            // Interrupted (the job stopped) while batches were in flight: the caller closes the model next,
            // so no inference call may still be running inside it, nor a write into the checkpoint.
            awaitUninterruptibly(inferers);
            awaitUninterruptibly(writer);
        }
        Throwable error = failure.get();
        if (error instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new IOException(error.getMessage(), error);
        }
        if (cancelled || (done.get() < total && listener.cancelled())) {
            throw new CancellationException("cancelled after " + done.get() + " of " + total + " tiles");
        }
        return times;
    }

    private record Segmented(String pixels, List<Nucleus> cells) {
    }

    /**
     * Hands on the checkpointed tiles whose pixels are still the ones they were segmented from, and
     * returns the tiles left to segment (in grid order): the tiles not done, and the done ones whose
     * pixels changed since (the slide file was replaced or edited under the same name and size).
     */
    private List<TileWindow> resume(List<TileWindow> tiles, Checkpoint checkpoint, SegmentationListener listener,
            ExecutorService workers, StageTimes times) throws IOException, InterruptedException {
        List<CompletableFuture<Boolean>> same = new ArrayList<>(tiles.size());
        for (TileWindow w : tiles) {
            if (checkpoint.isDone(w.col(), w.row())) {
                String stored = checkpoint.pixels(w.col(), w.row());
                same.add(CompletableFuture.supplyAsync(timed(times, Stage.READ,
                        () -> Checkpoint.digest(readTile(w)).equals(stored)), workers));
            } else {
                same.add(CompletableFuture.completedFuture(false));
            }
        }
        List<TileWindow> todo = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < tiles.size(); i++) {
            TileWindow w = tiles.get(i);
            boolean keep;
            try {
                keep = same.get(i).get();
            } catch (ExecutionException e) {
                same.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
            if (keep) {
                listener.tileDone(w.col(), w.row(), checkpoint.read(w.col(), w.row()));
            } else {
                changed += checkpoint.isDone(w.col(), w.row()) ? 1 : 0;
                todo.add(w);
            }
        }
        if (changed > 0) {
            LOG.warn("{} checkpointed tiles have other pixels than when they were segmented (was the slide file"
                    + " replaced?): segmenting them again", changed);
        }
        return todo;
    }

    private static void awaitUninterruptibly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Stage { READ, INFER, POST }

    private static <T> Supplier<T> timed(StageTimes times, Stage stage, Supplier<T> work) {
        return () -> {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                long spent = System.nanoTime() - start;
                switch (stage) {
                    case READ -> times.read.add(spent);
                    case INFER -> times.infer.add(spent);
                    case POST -> times.post.add(spent);
                }
            }
        };
    }

    private TileSegmenter.Tile readWholeTile(TileWindow w) {
        try {
            return source.tile(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int[] readTile(TileWindow w) {
        try {
            return source.read(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Nucleus> write(Checkpoint checkpoint, TileWindow w, String pixels, List<Nucleus> cells) {
        try {
            return checkpoint.append(w.col(), w.row(), pixels, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(AtomicReference<Throwable> failure, Throwable error) {
        if (error == null) {
            return;
        }
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        failure.compareAndSet(null, cause);
    }
}
