package org.pathlane.inference.slide;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A slide read through the OpenSlide C library. One native handle, opened by {@link Slides#open} and
 * released by {@link #close()}; reads from many threads run concurrently (OpenSlide handles are
 * thread-safe) and {@code close()} waits for reads in flight. {@code openslide_get_error} is checked
 * after every native call: once OpenSlide reports an error the handle is unusable, and every later
 * call fails with that error, naming the file.
 */
public final class OpenSlideReader extends MetadataSlideReader {

    /** Largest block handed to one openslide_read_region call: bounds the native buffer per thread. */
    static final int MAX_BLOCK_PIXELS = 4 * 1024 * 1024;
    private static final int MAX_BLOCK_WIDTH = 4096;
    /** The alpha bytes of two native-order ARGB ints read as one long (the same mask on either byte order). */
    private static final long OPAQUE_PAIR = 0xFF000000_FF000000L;

    /** One growing native buffer per reading thread, reused across reads (freed when the thread ends). */
    private static final ThreadLocal<MemorySegment[]> BUFFERS = ThreadLocal.withInitial(() -> new MemorySegment[1]);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private OpenSlideHandle handle;

    private OpenSlideReader(OpenSlideHandle handle, SlideMetadata metadata) {
        super(metadata);
        this.handle = handle;
    }

    /**
     * Opens {@code path} with OpenSlide.
     *
     * @param vendor what {@code openslide_detect_vendor} said about the file
     * @throws UnreadableSlideException naming the file when OpenSlide cannot open or describe it
     */
    static OpenSlideReader open(OpenSlideLibrary lib, Path path, String vendor, String id) throws IOException {
        OpenSlideHandle handle = OpenSlideHandle.open(lib, path, vendor);
        try {
            return new OpenSlideReader(handle, handle.metadata(vendor, id));
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    @Override
    public BufferedImage readAssociatedImage(String name) throws IOException {
        if (!associatedImageNames().contains(name)) {
            throw new IOException(path() + " has no associated image '" + name + "' (it has "
                    + associatedImageNames() + ")");
        }
        lock.readLock().lock();
        try (Arena arena = Arena.ofConfined()) {
            OpenSlideHandle osr = openHandle();
            long[] size = osr.associatedImageSize(name);
            if (size[0] <= 0 || size[1] <= 0 || size[0] * size[1] > Integer.MAX_VALUE - 8) {
                throw new IOException(path() + ": associated image '" + name + "' has an unusable size "
                        + size[0] + "x" + size[1]);
            }
            MemorySegment buffer = arena.allocate(JAVA_INT, size[0] * size[1]);
            osr.readAssociatedImage(name, buffer);
            BufferedImage image = SlideImages.newArgb((int) size[0], (int) size[1]);
            int[] data = SlideImages.pixels(image);
            MemorySegment.copy(buffer, JAVA_INT, 0, data, 0, data.length);
            SlideImages.unpremultiply(data, 0, data.length);
            return image;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public BufferedImage readRegion(int level, long x, long y, int w, int h) throws IOException {
        if (level < 0 || level >= levels().size()) {
            throw new IllegalArgumentException(path() + " has levels 0.." + (levels().size() - 1) + ", not " + level);
        }
        if (w <= 0 || h <= 0 || (long) w * h > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot read a " + w + "x" + h + " region of " + path()
                    + " into one image; read it in parts");
        }
        BufferedImage image = SlideImages.newArgb(w, h);
        int[] data = SlideImages.pixels(image);
        double downsample = levels().get(level).downsample();
        int blockW = Math.min(w, MAX_BLOCK_WIDTH);
        int blockH = Math.max(1, Math.min(h, MAX_BLOCK_PIXELS / blockW));
        MemorySegment buffer = buffer((long) blockW * blockH);
        lock.readLock().lock();
        try {
            OpenSlideHandle osr = openHandle();
            for (int by = 0; by < h; by += blockH) {
                int bh = Math.min(blockH, h - by);
                for (int bx = 0; bx < w; bx += blockW) {
                    int bw = Math.min(blockW, w - bx);
                    osr.readRegion(buffer, x + Math.round(bx * downsample), y + Math.round(by * downsample), level,
                            bw, bh);
                    copyBlock(buffer, data, w, bx, by, bw, bh);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return image;
    }

    /** Releases the native handle after reads in flight have finished. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != null) {
                handle.close();
            }
        } finally {
            handle = null;
            lock.writeLock().unlock();
        }
    }

    /**
     * True when every pixel of the buffer has alpha 255, checked two pixels at a time: the usual case,
     * which then needs no un-premultiplying at all.
     */
    static boolean allOpaque(MemorySegment buffer, long pixels) {
        long pairs = pixels / 2;
        for (long i = 0; i < pairs; i++) {
            if ((buffer.getAtIndex(JAVA_LONG, i) & OPAQUE_PAIR) != OPAQUE_PAIR) {
                return false;
            }
        }
        return pixels % 2 == 0 || buffer.getAtIndex(JAVA_INT, pixels - 1) >>> 24 == 255;
    }

    /** Copies a bw×bh block into the image at (bx, by), un-premultiplying when it has transparency. */
    private static void copyBlock(MemorySegment buffer, int[] data, int stride, int bx, int by, int bw, int bh) {
        if (bw == stride) {
            MemorySegment.copy(buffer, JAVA_INT, 0, data, by * stride, bw * bh);
        } else {
            for (int row = 0; row < bh; row++) {
                MemorySegment.copy(buffer, JAVA_INT, (long) row * bw * 4, data, (by + row) * stride + bx, bw);
            }
        }
        if (!allOpaque(buffer, (long) bw * bh)) {
            for (int row = 0; row < bh; row++) {
                SlideImages.unpremultiply(data, (by + row) * stride + bx, bw);
            }
        }
    }

    /** The handle, under the read lock. */
    private OpenSlideHandle openHandle() {
        if (handle == null) {
            throw new IllegalStateException("the slide reader for " + path() + " is closed");
        }
        return handle;
    }

    private static MemorySegment buffer(long pixels) {
        MemorySegment[] holder = BUFFERS.get();
        if (holder[0] == null || holder[0].byteSize() < pixels * 4) {
            holder[0] = Arena.ofAuto().allocate(pixels * 4, JAVA_LONG.byteAlignment());
        }
        return holder[0];
    }
}
