package org.pathlane.viewer.tile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TileLoaderTest {

    private final HeldTileSource source = new HeldTileSource("held", 4096, 4096, 256, true, 0xff0000ff, 0xffff0000);
    private final TileCache cache = new TileCache(64L << 20);
    private final Semaphore arrivals = new Semaphore(0);

    @BeforeAll
    static void fx() throws InterruptedException {
        FxToolkit.start();
    }

    private static TileKey tile(int col, int row) {
        return new TileKey("held", 0, col, row);
    }

    @Test
    void asksForEachTileOnceHoweverOftenItIsWanted() throws InterruptedException {
        TileLoader loader = new TileLoader(source, cache, 4, arrivals::release);
        loader.want(List.of(tile(0, 0), tile(1, 0)));
        loader.want(List.of(tile(0, 0), tile(1, 0), tile(0, 0)));
        assertThat(source.reads(tile(0, 0))).isEqualTo(1);
        assertThat(source.reads(tile(1, 0))).isEqualTo(1);

        source.release(k -> true);
        assertThat(arrivals.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
        loader.want(List.of(tile(0, 0), tile(1, 0)));
        assertThat(source.totalReads()).as("cached tiles are not read again").isEqualTo(2);
        assertThat(cache.get(tile(0, 0))).isNotNull();
        assertThat(loader.pending()).isZero();
    }

    @Test
    void aReadEndingBadlyAfterAnotherSlideReplacedThisOneIsNoWarning() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TileLoader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings = new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try {
            TileLoader loader = new TileLoader(source, cache, 2, arrivals::release);
            loader.want(List.of(tile(0, 0), tile(1, 0)));
            loader.close();
            // The reads of a replaced slide end after its loader closed: one fails, one arrives.
            source.fail(k -> k.equals(tile(1, 0)));
            source.release(k -> true);
            assertThat(source.pendingKeys()).isEmpty();
            assertThat(warnings.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).isEmpty();

            TileLoader open = new TileLoader(source, cache, 2, arrivals::release);
            open.want(List.of(tile(2, 0)));
            source.fail(k -> true);
            assertThat(warnings.list).as("a failure the viewer still waits for is a warning")
                    .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).hasSize(1);
        } finally {
            log.detachAppender(warnings);
        }
    }

    @Test
    void dropsQueuedTilesThatLeftTheScreen() throws InterruptedException {
        TileLoader loader = new TileLoader(source, cache, 1, arrivals::release);
        loader.want(List.of(tile(0, 0), tile(1, 0), tile(2, 0)));
        assertThat(source.pendingKeys()).containsExactly(tile(0, 0));

        // The user panned away: tiles 1 and 2 are no longer wanted, tile 5 is.
        loader.want(List.of(tile(5, 0)));
        source.release(k -> true);
        assertThat(arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(source.pendingKeys()).containsExactly(tile(5, 0));
        source.release(k -> true);
        assertThat(arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

        assertThat(source.reads(tile(1, 0))).isZero();
        assertThat(source.reads(tile(2, 0))).isZero();
        assertThat(cache.get(tile(0, 0))).as("a read already running still fills the cache").isNotNull();
    }

    @Test
    void readsTheMostImportantTileFirstAndRemembersFailures() throws InterruptedException {
        TileLoader loader = new TileLoader(source, cache, 1, arrivals::release);
        loader.want(List.of(tile(3, 3), tile(0, 0)));
        assertThat(source.pendingKeys()).containsExactly(tile(3, 3));
        source.fail(k -> true);
        assertThat(arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(loader.hasFailed(tile(3, 3))).isTrue();

        loader.want(List.of(tile(3, 3), tile(0, 0)));
        assertThat(source.reads(tile(3, 3))).as("a failed tile is not hammered on every frame").isEqualTo(1);
        loader.retryFailed();
        source.release(k -> true);
        assertThat(arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        loader.want(List.of(tile(3, 3)));
        assertThat(source.reads(tile(3, 3))).isEqualTo(2);
    }
}
