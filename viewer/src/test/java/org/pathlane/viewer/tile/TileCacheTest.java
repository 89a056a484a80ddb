package org.pathlane.viewer.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TileCacheTest {

    @BeforeAll
    static void fx() throws InterruptedException {
        FxToolkit.start();
    }

    @Test
    void staysWithinItsByteBound() {
        TileCache cache = new TileCache(4L << 20);
        int[] argb = new int[256 * 256];
        Arrays.fill(argb, 0xff336699);
        for (int i = 0; i < 100; i++) {
            cache.put(new TileKey("s", 0, i, 0), TileLoader.toImage(new TilePixels(256, 256, argb)));
        }
        // 100 tiles of 256 KiB would be 25 MiB; the cache holds at most 4 MiB of them.
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(4L << 20).isGreaterThan(2L << 20);
        long kept = java.util.stream.IntStream.range(0, 100).filter(i -> cache.contains(new TileKey("s", 0, i, 0))).count();
        assertThat(kept).isBetween(8L, 16L);
    }

    @Test
    void keepsThePixelsItWasGiven() {
        TileCache cache = new TileCache(4L << 20);
        int[] argb = {0xff102030, 0x00000000, 0x80ff0000, 0xff00ff00, 0xff0000ff, 0xffffffff};
        TileKey key = new TileKey("s", 2, 1, 1);
        cache.put(key, TileLoader.toImage(new TilePixels(3, 2, argb)));
        var reader = cache.get(key).getPixelReader();
        assertThat(reader.getArgb(0, 0)).isEqualTo(0xff102030);
        assertThat(reader.getArgb(2, 1)).isEqualTo(0xffffffff);
        assertThat(reader.getArgb(1, 0) >>> 24).isZero();
    }

    @Test
    void invalidatesOneSourceOnly() {
        TileCache cache = new TileCache(4L << 20);
        TilePixels pixels = new TilePixels(1, 1, new int[] {-1});
        cache.put(new TileKey("a", 0, 0, 0), TileLoader.toImage(pixels));
        cache.put(new TileKey("b", 0, 0, 0), TileLoader.toImage(pixels));
        cache.invalidateSource("a");
        assertThat(cache.contains(new TileKey("a", 0, 0, 0))).isFalse();
        assertThat(cache.contains(new TileKey("b", 0, 0, 0))).isTrue();
    }

    @Test
    void refusesANonsenseBound() {
        assertThatThrownBy(() -> TileCache.ofHeapShare(1.5)).hasMessageContaining("heap share");
    }
}
