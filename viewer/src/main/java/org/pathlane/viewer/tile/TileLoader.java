package org.pathlane.viewer.tile;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the tiles a viewer wants, a few at a time. Each {@link #want} call replaces the wish list:
 * tiles that left the screen are dropped before they are read, tiles already cached or in flight are
 * not asked for twice. Arrivals go into the cache and are announced to {@code onArrival} (on the
 * thread that read the tile). Thread-safe.
 */
public final class TileLoader {

    /** Told how long each tile took from request to cached, for benchmarks. */
    public interface Observer {
        void tileLoaded(TileKey key, long nanos);
    }

    private static final Logger log = LoggerFactory.getLogger(TileLoader.class);
    private static final int MAX_REMEMBERED_FAILURES = 10_000;

    private final TileSource source;
    private final TileCache cache;
    private final int maxInFlight;
    private final Runnable onArrival;
    private final Object lock = new Object();
    private final LinkedHashSet<TileKey> queue = new LinkedHashSet<>();
    private final Set<TileKey> inFlight = new HashSet<>();
    private final Set<TileKey> failed = new HashSet<>();
    private volatile Observer observer = (key, nanos) -> { };
    private volatile boolean closed;

    public TileLoader(TileSource source, TileCache cache, int maxInFlight, Runnable onArrival) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("a tile loader needs at least one read in flight, got " + maxInFlight);
        }
        this.source = source;
        this.cache = cache;
        this.maxInFlight = maxInFlight;
        this.onArrival = onArrival;
    }

    public TileSource source() {
        return source;
    }

    public void setObserver(Observer observer) {
        this.observer = observer == null ? (key, nanos) -> { } : observer;
    }

    /**
     * Replaces the wish list with {@code wanted}, most important first. Queued tiles that are not in it
     * any more are dropped; reads already running finish and are cached.
     */
    public void want(List<TileKey> wanted) {
        synchronized (lock) {
            queue.clear();
            for (TileKey key : wanted) {
                if (!inFlight.contains(key) && !failed.contains(key) && !cache.contains(key)) {
                    queue.add(key);
                }
            }
        }
        pump();
    }

    /** Tiles queued or being read. */
    public int pending() {
        synchronized (lock) {
            return queue.size() + inFlight.size();
        }
    }

    /** Whether reading this tile failed (it is not asked for again until {@link #retryFailed()}). */
    public boolean hasFailed(TileKey key) {
        synchronized (lock) {
            return failed.contains(key);
        }
    }

    public void retryFailed() {
        synchronized (lock) {
            failed.clear();
        }
    }

    /** Stops starting reads; running ones finish without being announced (and their failures are no warning). */
    public void close() {
        closed = true;
        synchronized (lock) {
            queue.clear();
        }
    }

    private void pump() {
        while (true) {
            TileKey next;
            synchronized (lock) {
                if (closed || inFlight.size() >= maxInFlight || queue.isEmpty()) {
                    return;
                }
                var it = queue.iterator();
                next = it.next();
                it.remove();
                inFlight.add(next);
            }
            start(next);
        }
    }

    private void start(TileKey key) {
        long started = System.nanoTime();
        CompletableFuture<TilePixels> read;
        try {
            read = source.readTile(key);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenComplete((pixels, error) -> finish(key, started, pixels, error));
    }

    private void finish(TileKey key, long started, TilePixels pixels, Throwable error) {
        boolean ok = error == null && pixels != null;
        if (ok) {
            cache.put(key, toImage(pixels));
            observer.tileLoaded(key, System.nanoTime() - started);
        } else if (closed || isCancellation(error)) {
            // Nobody waits for this tile any more (another slide replaced this one): nothing to act on.
            log.debug("Tile {} of {} not read after its loader closed: {}", key, source.id(),
                    error == null ? "no pixels" : rootMessage(error));
        } else {
            log.warn("Could not read tile {} of {}: {}. The viewer shows a coarser level there.",
                    key, source.id(), error == null ? "the source returned no pixels" : rootMessage(error));
        }
        synchronized (lock) {
            inFlight.remove(key);
            if (!ok && failed.size() < MAX_REMEMBERED_FAILURES) {
                failed.add(key);
            }
        }
        if (!closed) {
            onArrival.run();
            pump();
        }
    }

    private static boolean isCancellation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Tiles become FX images on the loader's thread, so the FX thread only draws them. */
    static WritableImage toImage(TilePixels pixels) {
        WritableImage image = new WritableImage(pixels.width(), pixels.height());
        image.getPixelWriter().setPixels(0, 0, pixels.width(), pixels.height(),
                PixelFormat.getIntArgbInstance(), pixels.argb(), 0, pixels.width());
        return image;
    }
}
