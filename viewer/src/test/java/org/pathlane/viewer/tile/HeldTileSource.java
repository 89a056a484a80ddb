package org.pathlane.viewer.tile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A synthetic pyramid for tests: every tile of level {@code l} is one solid colour {@code colors[l]}.
 * In "held" mode reads stay pending until the test {@link #release releases} them, so tests can see what
 * the viewer draws before tiles arrive; otherwise reads complete at once on another thread.
 */
public final class HeldTileSource implements TileSource {

    private final String id;
    private final List<PyramidLevel> levels;
    private final int tileSize;
    private final int[] colors;
    private final boolean held;
    private final Map<TileKey, CompletableFuture<TilePixels>> pending = new ConcurrentHashMap<>();
    private final Map<TileKey, AtomicInteger> reads = new ConcurrentHashMap<>();
    private volatile OptionalDouble mpp = OptionalDouble.of(0.5);

    /** Levels of {@code width × height} divided by 1, 4, 16, ...; one colour per level. */
    public HeldTileSource(String id, long width, long height, int tileSize, boolean held, int... colors) {
        this.id = id;
        this.tileSize = tileSize;
        this.colors = colors.clone();
        this.held = held;
        List<PyramidLevel> list = new ArrayList<>();
        double ds = 1;
        for (int i = 0; i < colors.length; i++) {
            list.add(new PyramidLevel(Math.max(1, (long) Math.ceil(width / ds)), Math.max(1, (long) Math.ceil(height / ds)), ds));
            ds *= 4;
        }
        this.levels = List.copyOf(list);
    }

    public void setMicronsPerPixel(OptionalDouble value) {
        mpp = value;
    }

    @Override
    public String id() {
        return id;
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
        return mpp;
    }

    @Override
    public CompletableFuture<TilePixels> readTile(TileKey key) {
        reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (!held) {
            return CompletableFuture.supplyAsync(() -> pixels(key), ForkJoinPool.commonPool());
        }
        CompletableFuture<TilePixels> future = new CompletableFuture<>();
        pending.put(key, future);
        return future;
    }

    /** Completes the held reads matching {@code which}; returns how many. */
    public int release(Predicate<TileKey> which) {
        int n = 0;
        for (var entry : pending.entrySet()) {
            if (which.test(entry.getKey()) && pending.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().complete(pixels(entry.getKey()));
                n++;
            }
        }
        return n;
    }

    /** Fails the held reads matching {@code which}. */
    public void fail(Predicate<TileKey> which) {
        for (var entry : pending.entrySet()) {
            if (which.test(entry.getKey()) && pending.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().completeExceptionally(new java.io.IOException("disk unplugged"));
            }
        }
    }

    /** How often the viewer asked for this tile. */
    public int reads(TileKey key) {
        AtomicInteger n = reads.get(key);
        return n == null ? 0 : n.get();
    }

    public int totalReads() {
        return reads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public java.util.Set<TileKey> pendingKeys() {
        return pending.keySet();
    }

    private TilePixels pixels(TileKey key) {
        PyramidLevel level = levels.get(key.level());
        int w = (int) Math.min(tileSize, level.width() - (long) key.col() * tileSize);
        int h = (int) Math.min(tileSize, level.height() - (long) key.row() * tileSize);
        int[] argb = new int[w * h];
        Arrays.fill(argb, colors[key.level()]);
        return new TilePixels(w, h, argb);
    }
}
