package org.pathlane.inference.slide.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathlane.inference.slide.OpenSlideLibrary;
import org.pathlane.inference.slide.OpenSlideReader;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;

/**
 * Reads the same level-0 tiles of a slide through the Java binding ({@link SlideReader#readRegion},
 * ARGB conversion included) and through a C program calling {@code openslide_read_region} directly,
 * with each thread count, each pass on a fresh OpenSlide handle so caches start equal. Java and C
 * passes alternate (which goes first swaps every round) and the best of the rounds is kept for each,
 * so background load hits both alike.
 */
public final class ReadBenchmark {

    /** Results for one thread count. */
    public record Row(int threads, Measurement java, Measurement c) {

        /** Java tiles/s over C tiles/s. */
        public double ratio() {
            return java.tilesPerSecond() / c.tilesPerSecond();
        }

        /** Java tiles per CPU-second over C's: the same comparison, robust to other load on the machine. */
        public double cpuRatio() {
            return java.tilesPerCpuSecond() / c.tilesPerCpuSecond();
        }
    }

    /** The whole run. */
    public record Report(Path slide, long width, long height, int tileSize, int tiles, String openslideVersion,
            List<Row> rows) {
    }

    private static final int WARM_UP_TILES = 64;

    private ReadBenchmark() {
    }

    /** Every tile of level 0 in row-major order (ragged edges included), at most {@code maxTiles} (0 = all). */
    public static List<long[]> levelZeroTiles(SlideReader slide, int tileSize, int maxTiles) {
        SlideLevel base = slide.levels().get(0);
        List<long[]> tiles = new ArrayList<>();
        for (long y = 0; y < base.height(); y += tileSize) {
            for (long x = 0; x < base.width(); x += tileSize) {
                if (maxTiles > 0 && tiles.size() >= maxTiles) {
                    return tiles;
                }
                tiles.add(new long[] {x, y});
            }
        }
        return tiles;
    }

    /**
     * Runs the benchmark.
     *
     * @throws IOException when the slide is not an OpenSlide slide, gcc is missing, or a read fails
     */
    public static Report run(Path slidePath, int tileSize, int maxTiles, List<Integer> threadCounts, int rounds)
            throws IOException {
        List<long[]> tiles;
        long width;
        long height;
        try (SlideReader slide = Slides.open(slidePath)) {
            if (!(slide instanceof OpenSlideReader)) {
                throw new IOException(slidePath + " is a plain image, not an OpenSlide slide: the read benchmark"
                        + " compares the OpenSlide binding with C, so give it a whole-slide file");
            }
            tiles = levelZeroTiles(slide, tileSize, maxTiles);
            width = slide.levels().get(0).width();
            height = slide.levels().get(0).height();
            warmUp(slide, tiles, tileSize);
        }
        warmFileCache(slidePath);
        OpenSlideLibrary lib = OpenSlideLibrary.get();
        Path work = Files.createTempDirectory("pathlane-bench-read");
        try {
            NativeReadBench c = NativeReadBench.compile(work);
            List<Row> rows = new ArrayList<>();
            for (int threads : threadCounts) {
                List<Measurement> javaRuns = new ArrayList<>();
                List<Measurement> cRuns = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    if (round % 2 == 0) {
                        javaRuns.add(runJava(slidePath, tiles, tileSize, threads));
                        cRuns.add(c.run(lib.location(), slidePath, tileSize, tiles, threads));
                    } else {
                        cRuns.add(c.run(lib.location(), slidePath, tileSize, tiles, threads));
                        javaRuns.add(runJava(slidePath, tiles, tileSize, threads));
                    }
                }
                rows.add(new Row(threads, fastest(javaRuns), fastest(cRuns)));
            }
            return new Report(slidePath.toAbsolutePath(), width, height, tileSize, tiles.size(), lib.version(),
                    List.copyOf(rows));
        } finally {
            deleteQuietly(work);
        }
    }

    /** One pass of the Java binding on a fresh handle. */
    static Measurement runJava(Path slidePath, List<long[]> tiles, int tileSize, int threads) throws IOException {
        try (SlideReader slide = Slides.open(slidePath)) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> readAll(slide, tiles, tileSize, next)));
                }
                int checksum = 0;
                for (Future<Integer> worker : workers) {
                    checksum += worker.get();
                }
                long elapsed = System.nanoTime() - start;
                long cpu = processCpuNanos() - cpuStart;
                if (checksum == 42) {
                    Thread.onSpinWait();
                }
                return new Measurement(tiles.size(), elapsed, cpu);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while benchmarking " + slidePath, e);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int readAll(SlideReader slide, List<long[]> tiles, int tileSize, AtomicInteger next)
            throws IOException {
        int checksum = 0;
        for (int i = next.getAndIncrement(); i < tiles.size(); i = next.getAndIncrement()) {
            long[] tile = tiles.get(i);
            BufferedImage image = slide.readRegion(0, tile[0], tile[1], tileSize, tileSize);
            checksum += image.getRGB(tileSize / 2, tileSize / 2);
        }
        return checksum;
    }

    /** Lets the JIT compile the Java read path before timing, as the C side is compiled ahead of time. */
    private static void warmUp(SlideReader slide, List<long[]> tiles, int tileSize) throws IOException {
        readAll(slide, tiles.subList(0, Math.min(WARM_UP_TILES, tiles.size())), tileSize, new AtomicInteger());
    }

    /** Reads the file once so neither side pays for the first trip to disk. */
    private static void warmFileCache(Path slide) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(slide, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.clear();
            }
        }
    }

    /** CPU time of the whole JVM (reading threads, GC and JIT alike), as C's getrusage counts its process. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }

    private static Measurement fastest(List<Measurement> runs) {
        return runs.stream().min(Comparator.comparingLong(Measurement::nanos)).orElseThrow();
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
