package org.pathlane.app.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;

/**
 * A 1000 × 800 slide in memory that remembers how it was used: how often it was closed, whether a region read
 * ran on it once closed or was cut short. With {@link #holdReads()} region reads wait until {@link #releaseReads()},
 * like OpenSlide decoding a tile while the user opens another slide.
 */
final class FakeSlide implements SlideReader {

    private final Path path;
    private final OptionalDouble mpp;
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger readsOnClosed = new AtomicInteger();
    private final AtomicInteger readsCutShort = new AtomicInteger();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CountDownLatch readStarted = new CountDownLatch(1);
    private volatile CountDownLatch reads = new CountDownLatch(0);

    FakeSlide(Path path, OptionalDouble mpp) {
        this.path = path;
        this.mpp = mpp;
    }

    FakeSlide holdReads() {
        reads = new CountDownLatch(1);
        return this;
    }

    void releaseReads() {
        reads.countDown();
    }

    /** Waits until a region read has begun. */
    void awaitReadStarted() throws InterruptedException {
        readStarted.await();
    }

    int closes() {
        return closes.get();
    }

    /** Completes when the slide is closed the first time. */
    CompletableFuture<Void> whenClosed() {
        return closed;
    }

    /** Region reads that found the slide closed, or were interrupted (both fail a tile with a WARN). */
    int failedReads() {
        return readsOnClosed.get() + readsCutShort.get();
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String id() {
        return path.toString();
    }

    @Override
    public String vendor() {
        return "fake";
    }

    @Override
    public List<SlideLevel> levels() {
        return List.of(new SlideLevel(1000, 800, 1, 256, 256));
    }

    @Override
    public OptionalDouble mppX() {
        return mpp;
    }

    @Override
    public OptionalDouble mppY() {
        return mpp;
    }

    @Override
    public Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public Set<String> associatedImageNames() {
        return Set.of();
    }

    @Override
    public BufferedImage readAssociatedImage(String name) throws IOException {
        throw new IOException(path + ": no associated image " + name);
    }

    @Override
    public BufferedImage readRegion(int level, long x, long y, int w, int h) throws IOException {
        readStarted.countDown();
        try {
            reads.await();
        } catch (InterruptedException e) {
            readsCutShort.incrementAndGet();
            Thread.currentThread().interrupt();
            throw new IOException(path + ": read interrupted", e);
        }
        if (closes.get() > 0) {
            readsOnClosed.incrementAndGet();
            throw new IOException(path + ": the slide reader is closed");
        }
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        closed.complete(null);
    }
}
