package org.pathlane.app.viewer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.viewer.tile.PyramidLevel;
import org.pathlane.viewer.tile.TileKey;
import org.pathlane.viewer.tile.TilePixels;
import org.pathlane.viewer.tile.TileSource;

/**
 * Shows a {@link SlideReader} in the viewer: its levels become the viewer's pyramid and each tile is one
 * {@link SlideReader#readRegion} on a small pool of daemon threads. The tile size follows the file's own
 * tiles when they are a sensible size, so one viewer tile decodes one file tile. Does not own the
 * reader: close this (its threads) and the reader separately, the reader after {@link #closeWhenIdle()}
 * says no read of it is running any more.
 */
public final class SlideTileSource implements TileSource, AutoCloseable {

    static final int DEFAULT_TILE_SIZE = 256;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SlideReader reader;
    private final List<PyramidLevel> levels;
    private final int tileSize;
    private final ExecutorService readers;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String firstFailure;
    /** Reads handed to the pool and not yet ended; guarded by {@code this}. */
    private int reading;
    private boolean closing;
    private final CompletableFuture<Void> idle = new CompletableFuture<>();

    public SlideTileSource(SlideReader reader, int threads) {
        this.reader = reader;
        this.levels = reader.levels().stream()
                .map(l -> new PyramidLevel(l.width(), l.height(), Math.max(1.0, l.downsample())))
                .toList();
        this.tileSize = tileSizeFor(reader.levels().get(0));
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "slide-tiles-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One reading thread per core (at least two): OpenSlide decodes tiles in parallel. */
    public SlideTileSource(SlideReader reader) {
        this(reader, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    static int tileSizeFor(SlideLevel level0) {
        int native0 = level0.tileWidth();
        return native0 == level0.tileHeight() && native0 >= 128 && native0 <= 1024 ? native0 : DEFAULT_TILE_SIZE;
    }

    public SlideReader reader() {
        return reader;
    }

    @Override
    public String id() {
        return reader.id();
    }

    @Override
    public List<PyramidLevel> levels() {
        return levels;
    }

    @Override
    public int tileSize() {
        return tileSize;
    }

    @Override
    public OptionalDouble micronsPerPixel() {
        OptionalDouble x = reader.mppX();
        OptionalDouble y = reader.mppY();
        if (x.isPresent() && y.isPresent()) {
            return OptionalDouble.of((x.getAsDouble() + y.getAsDouble()) / 2);
        }
        return x.isPresent() ? x : y;
    }

    /** Reads the tile on this source's threads; once {@link #closeWhenIdle() closing}, fails at once as cancelled. */
    @Override
    public CompletableFuture<TilePixels> readTile(TileKey key) {
        synchronized (this) {
            if (closing) {
                return CompletableFuture.failedFuture(cancelled(key));
            }
            reading++;
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    if (isClosing()) {
                        throw cancelled(key);
                    }
                    return read(key);
                } finally {
                    readEnded();
                }
            }, readers);
        } catch (RuntimeException e) {
            readEnded();
            throw e;
        }
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    private void readEnded() {
        boolean nowIdle;
        synchronized (this) {
            reading--;
            nowIdle = closing && reading == 0;
        }
        if (nowIdle) {
            idle.complete(null);
        }
    }

    private CancellationException cancelled(TileKey key) {
        return new CancellationException("tile " + key + " of " + reader.path() + " not read: another slide replaced it");
    }

    /**
     * Takes no more reads (reads queued and not yet started end as cancelled) and stops the threads once the
     * reads already running have ended, without interrupting them. The future completes, on a reading thread or
     * the caller's, when no read of the reader runs any more: then the reader can be closed.
     */
    public CompletableFuture<Void> closeWhenIdle() {
        boolean nowIdle;
        synchronized (this) {
            closing = true;
            nowIdle = reading == 0;
        }
        if (nowIdle) {
            idle.complete(null);
        }
        return idle.thenRun(readers::shutdown);
    }

    /** Reads one tile now, on the calling thread. */
    public TilePixels read(TileKey key) {
        PyramidLevel level = levels.get(key.level());
        long px = (long) key.col() * tileSize;
        long py = (long) key.row() * tileSize;
        int w = (int) Math.min(tileSize, level.width() - px);
        int h = (int) Math.min(tileSize, level.height() - py);
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("tile " + key + " lies outside level " + key.level() + " of " + reader.path());
        }
        double ds = level.downsample();
        try {
            BufferedImage image = reader.readRegion(key.level(), Math.round(px * ds), Math.round(py * ds), w, h);
            return new TilePixels(w, h, argb(image, w, h));
        } catch (IOException e) {
            recordFailure(e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            recordFailure(e);
            throw e;
        }
    }

    private void recordFailure(Exception e) {
        if (failures.getAndIncrement() == 0) {
            firstFailure = e.getMessage();
        }
    }

    /** How many tile reads failed so far. */
    public int failures() {
        return failures.get();
    }

    /** The message of the first failed read, or {@code null}. */
    public String firstFailure() {
        return firstFailure;
    }

    /** The image's pixels as non-premultiplied ARGB, without a copy when it already is one. */
    static int[] argb(BufferedImage image, int w, int h) {
        if (image.getWidth() != w || image.getHeight() != h) {
            throw new IllegalStateException("the slide reader returned " + image.getWidth() + "x" + image.getHeight()
                    + " pixels for a " + w + "x" + h + " tile");
        }
        if (image.getType() == BufferedImage.TYPE_INT_ARGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
                && buffer.getData().length == w * h) {
            return buffer.getData();
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    /** Stops the threads now, interrupting reads still running; see {@link #closeWhenIdle()} for a gentle close. */
    @Override
    public void close() {
        readers.shutdownNow();
    }
}
