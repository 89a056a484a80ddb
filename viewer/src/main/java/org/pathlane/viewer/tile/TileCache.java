package org.pathlane.viewer.tile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import javafx.scene.image.Image;

/**
 * Decoded tiles, bounded in bytes (4 bytes per pixel plus a small overhead per entry), shared by every
 * viewer that is given the same instance. Thread-safe: loader threads put, the FX thread reads.
 */
public final class TileCache {

    /** The default share of the maximum heap a cache may fill. */
    public static final double DEFAULT_HEAP_SHARE = 0.25;

    private static final int ENTRY_OVERHEAD_BYTES = 256;
    private static volatile TileCache shared;

    private final long maxBytes;
    private final Cache<TileKey, Image> tiles;

    public TileCache(long maxBytes) {
        if (maxBytes < 1 << 20) {
            throw new IllegalArgumentException("a tile cache needs at least 1 MiB, got " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.tiles = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((TileKey key, Image image) -> weight(image))
                .build();
    }

    /** A cache of {@code share} (0–1) of the JVM's maximum heap. */
    public static TileCache ofHeapShare(double share) {
        if (!(share > 0 && share <= 0.9)) {
            throw new IllegalArgumentException("the tile cache's heap share must be in (0, 0.9], got " + share);
        }
        return new TileCache((long) (Runtime.getRuntime().maxMemory() * share));
    }

    /**
     * The cache viewers use unless given their own: {@value #DEFAULT_HEAP_SHARE} of the heap, or the
     * share set by the system property {@code pathlane.viewer.cacheShare}.
     */
    public static TileCache shared() {
        TileCache cache = shared;
        if (cache == null) {
            synchronized (TileCache.class) {
                cache = shared;
                if (cache == null) {
                    String share = System.getProperty("pathlane.viewer.cacheShare");
                    cache = ofHeapShare(share == null ? DEFAULT_HEAP_SHARE : Double.parseDouble(share));
                    shared = cache;
                }
            }
        }
        return cache;
    }

    static int weight(Image image) {
        long bytes = 4L * (long) image.getWidth() * (long) image.getHeight() + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** The tile, or {@code null} when it is not cached. */
    public Image get(TileKey key) {
        return tiles.getIfPresent(key);
    }

    public boolean contains(TileKey key) {
        return tiles.asMap().containsKey(key);
    }

    public void put(TileKey key, Image image) {
        tiles.put(key, image);
    }

    /** Forgets every tile of one source (e.g. after the slide file changed). */
    public void invalidateSource(String sourceId) {
        tiles.asMap().keySet().removeIf(key -> key.sourceId().equals(sourceId));
    }

    public void clear() {
        tiles.invalidateAll();
    }

    /** The bound this cache keeps its weighted size under. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The bytes currently held (after pending evictions are applied). */
    public long usedBytes() {
        tiles.cleanUp();
        return tiles.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
}
