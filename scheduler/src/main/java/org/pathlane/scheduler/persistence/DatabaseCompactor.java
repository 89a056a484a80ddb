package org.pathlane.scheduler.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the H2 file small while no one has it open. PathLane's H2 store only appends (see
 * {@link Database}), so the file grows with every commit; when most of it is dead space this rewrites the live
 * data, compressed, into a new file next to it, forces that to disk and puts it in place with one atomic
 * rename. A kill at any moment leaves either the old file or the new one, both whole; a file that cannot be
 * read is left exactly as it is (opening it then gives the refusal).
 */
public final class DatabaseCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCompactor.class);
    /** Files smaller than this are left alone: rewriting them gains nothing a person would notice. */
    static final long MIN_BYTES = 16L << 20;
    /** Rewritten when less than this percentage of the file is live data. */
    static final int MAX_LIVE_PERCENT = 50;
    private static final String TEMP_SUFFIX = ".compacting";

    /** What {@link #compactIfWasteful} did. */
    public record Outcome(boolean compacted, long bytesBefore, long bytesAfter, int livePercent, long millis) {
    }

    private DatabaseCompactor() {
    }

    /**
     * Rewrites {@code <dataDir>/pathlane.mv.db} when it is at least 16 MB and less than half of it is live;
     * otherwise, or when the file cannot be read or is in use, leaves it as it is.
     */
    public static Outcome compactIfWasteful(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(Database.FILE_STEM + ".mv.db");
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        long start = System.nanoTime();
        try {
            // A rewrite cut off by a kill leaves its unfinished copy behind; the original is still whole.
            Files.deleteIfExists(temp);
            if (!Files.isRegularFile(file) || Files.size(file) < MIN_BYTES) {
                return new Outcome(false, Files.isRegularFile(file) ? Files.size(file) : 0, 0, 100, 0);
            }
            long before = Files.size(file);
            int live = livePercent(file);
            if (live < 0 || live >= MAX_LIVE_PERCENT) {
                return new Outcome(false, before, before, live, millis(start));
            }
            MVStore.compact(file.toString(), temp.toString(), true, null);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(temp);
                return new Outcome(false, before, before, live, millis(start));
            }
            forceDirectory(file.getParent());
            long after = Files.size(file);
            LOG.info("Compacted the database file {}: {} MB -> {} MB in {} ms", file, before >> 20, after >> 20, millis(start));
            return new Outcome(true, before, after, live, millis(start));
        } catch (IOException | RuntimeException e) {
            // Not being able to compact is never a reason not to open: the original file is untouched.
            LOG.warn("Could not compact the database file {} ({}); it stays as it is", file, e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // left for the next start to remove
            }
            return new Outcome(false, 0, 0, -1, millis(start));
        }
    }

    /** Whether {@link #compactIfWasteful} would rewrite the file now (read only: nothing is written). */
    static boolean isWasteful(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(Database.FILE_STEM + ".mv.db");
        try {
            if (!Files.isRegularFile(file) || Files.size(file) < MIN_BYTES) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        int live = livePercent(file);
        return live >= 0 && live < MAX_LIVE_PERCENT;
    }

    /** The percentage of the file holding live data, or -1 if the file cannot be read as a store. */
    static int livePercent(Path file) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            var fileStore = store.getFileStore();
            return fileStore.getFillRate() * fileStore.getChunksFillRate() / 100;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open a folder as a channel; its rename is durable without it.
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
