package org.pathlane.inference.slide;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A slide read through the OpenSlide C library. One native handle, opened in the constructor and
 * released by {@link #close()}; reads from many threads run concurrently (OpenSlide handles are
 * thread-safe) and {@code close()} waits for reads in flight. {@code openslide_get_error} is checked
 * after every native call: once OpenSlide reports an error the handle is unusable, and every later
 * call fails with that error, naming the file.
 */
public final class OpenSlideReader implements SlideReader {

    /** Largest block handed to one openslide_read_region call: bounds the native buffer per thread. */
    static final int MAX_BLOCK_PIXELS = 4 * 1024 * 1024;
    private static final int MAX_BLOCK_WIDTH = 4096;

    /** One growing native buffer per reading thread, reused across reads (freed when the thread ends). */
    private static final ThreadLocal<MemorySegment[]> BUFFERS = ThreadLocal.withInitial(() -> new MemorySegment[1]);

    private final OpenSlideLibrary lib;
    private final Path path;
    private final String id;
    private final String vendor;
    private final List<SlideLevel> levels;
    private final Map<String, String> properties;
    private final Set<String> associatedNames;
    private final OptionalDouble mppX;
    private final OptionalDouble mppY;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private MemorySegment handle;

    /**
     * Opens {@code path} with OpenSlide.
     *
     * @param vendor what {@code openslide_detect_vendor} said about the file
     * @throws UnreadableSlideException naming the file when OpenSlide cannot open it
     */
    OpenSlideReader(OpenSlideLibrary lib, Path path, String vendor, String id) throws IOException {
        this.lib = lib;
        this.path = path;
        this.vendor = vendor;
        this.id = id;
        try (Arena arena = Arena.ofConfined()) {
            handle = (MemorySegment) lib.open.invokeExact(arena.allocateFrom(path.toString()));
        } catch (Throwable t) {
            throw new UnreadableSlideException(path, "OpenSlide failed to open it: " + t, t);
        }
        if (handle.equals(MemorySegment.NULL)) {
            throw new UnreadableSlideException(path, "OpenSlide recognises it as " + vendor
                    + " but cannot open it; the file is probably damaged or incomplete (copy it again)");
        }
        try {
            checkError("open");
            levels = readLevels();
            properties = readProperties();
            associatedNames = readAssociatedNames();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        mppX = Mpp.fromProperties(properties, vendor, "x");
        mppY = Mpp.fromProperties(properties, vendor, "y");
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String vendor() {
        return vendor;
    }

    @Override
    public List<SlideLevel> levels() {
        return levels;
    }

    @Override
    public OptionalDouble mppX() {
        return mppX;
    }

    @Override
    public OptionalDouble mppY() {
        return mppY;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public Set<String> associatedImageNames() {
        return associatedNames;
    }

    @Override
    public BufferedImage readAssociatedImage(String name) throws IOException {
        if (!associatedNames.contains(name)) {
            throw new IOException(path + " has no associated image '" + name + "' (it has " + associatedNames + ")");
        }
        return withHandle(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment cName = arena.allocateFrom(name);
                MemorySegment w = arena.allocate(JAVA_LONG);
                MemorySegment h = arena.allocate(JAVA_LONG);
                lib.getAssociatedImageDimensions.invokeExact(handle, cName, w, h);
                checkError("reading the size of associated image " + name);
                long width = w.get(JAVA_LONG, 0);
                long height = h.get(JAVA_LONG, 0);
                if (width <= 0 || height <= 0 || width * height > Integer.MAX_VALUE) {
                    throw new IOException(path + ": associated image '" + name + "' has an unusable size "
                            + width + "x" + height);
                }
                MemorySegment buffer = arena.allocate(JAVA_INT, width * height);
                lib.readAssociatedImage.invokeExact(handle, cName, buffer);
                checkError("reading associated image " + name);
                BufferedImage image = SlideImages.newArgb((int) width, (int) height);
                int[] data = SlideImages.pixels(image);
                MemorySegment.copy(buffer, JAVA_INT, 0, data, 0, data.length);
                SlideImages.unpremultiply(data, 0, data.length);
                return image;
            }
        });
    }

    @Override
    public BufferedImage readRegion(int level, long x, long y, int w, int h) throws IOException {
        if (level < 0 || level >= levels.size()) {
            throw new IllegalArgumentException(path + " has levels 0.." + (levels.size() - 1) + ", not " + level);
        }
        if (w <= 0 || h <= 0 || (long) w * h > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot read a " + w + "x" + h + " region of " + path
                    + " into one image; read it in parts");
        }
        BufferedImage image = SlideImages.newArgb(w, h);
        int[] data = SlideImages.pixels(image);
        double downsample = levels.get(level).downsample();
        int blockW = Math.min(w, MAX_BLOCK_WIDTH);
        int blockH = Math.max(1, Math.min(h, MAX_BLOCK_PIXELS / blockW));
        withHandle(() -> {
            MemorySegment buffer = buffer((long) blockW * blockH);
            for (int by = 0; by < h; by += blockH) {
                int bh = Math.min(blockH, h - by);
                for (int bx = 0; bx < w; bx += blockW) {
                    int bw = Math.min(blockW, w - bx);
                    long x0 = x + Math.round(bx * downsample);
                    long y0 = y + Math.round(by * downsample);
                    lib.readRegion.invokeExact(handle, buffer, x0, y0, level, (long) bw, (long) bh);
                    checkError("reading level " + level + " at " + x0 + "," + y0 + " size " + bw + "x" + bh);
                    if (bw == w) {
                        MemorySegment.copy(buffer, JAVA_INT, 0, data, by * w, bw * bh);
                    } else {
                        for (int row = 0; row < bh; row++) {
                            MemorySegment.copy(buffer, JAVA_INT, (long) row * bw * 4, data, (by + row) * w + bx, bw);
                        }
                    }
                }
            }
            return null;
        });
        SlideImages.unpremultiply(data, 0, data.length);
        return image;
    }

    /** Releases the native handle after reads in flight have finished. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != null && !handle.equals(MemorySegment.NULL)) {
                lib.close.invokeExact(handle);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("openslide_close failed for " + path, t);
        } finally {
            handle = null;
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OpenSlideReader[" + path + ", " + vendor + ", " + levels.size() + " levels]";
    }

    private interface NativeCall<T> {
        T call() throws Throwable;
    }

    private <T> T withHandle(NativeCall<T> call) throws IOException {
        lock.readLock().lock();
        try {
            if (handle == null) {
                throw new IllegalStateException("the slide reader for " + path + " is closed");
            }
            return call.call();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(path + ": native call failed: " + t, t);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static MemorySegment buffer(long pixels) {
        MemorySegment[] holder = BUFFERS.get();
        if (holder[0] == null || holder[0].byteSize() < pixels * 4) {
            holder[0] = Arena.ofAuto().allocate(JAVA_INT, pixels);
        }
        return holder[0];
    }

    private void checkError(String what) throws IOException {
        String error;
        try {
            error = OpenSlideLibrary.cString((MemorySegment) lib.getError.invokeExact(handle));
        } catch (Throwable t) {
            throw new IOException(path + ": openslide_get_error failed: " + t, t);
        }
        if (error != null) {
            throw new UnreadableSlideException(path, "OpenSlide failed " + what + ": " + error
                    + " (the file is probably damaged or incomplete; copy it again)");
        }
    }

    private List<SlideLevel> readLevels() throws IOException {
        Supplier<IOException> empty = () -> new UnreadableSlideException(path, "OpenSlide found no image levels");
        try (Arena arena = Arena.ofConfined()) {
            int count = (int) lib.getLevelCount.invokeExact(handle);
            checkError("counting levels");
            if (count <= 0) {
                throw empty.get();
            }
            MemorySegment w = arena.allocate(JAVA_LONG);
            MemorySegment h = arena.allocate(JAVA_LONG);
            SlideLevel[] out = new SlideLevel[count];
            for (int i = 0; i < count; i++) {
                lib.getLevelDimensions.invokeExact(handle, i, w, h);
                double downsample = (double) lib.getLevelDownsample.invokeExact(handle, i);
                checkError("reading level " + i);
                out[i] = new SlideLevel(w.get(JAVA_LONG, 0), h.get(JAVA_LONG, 0), downsample,
                        tileSize(arena, i, "width"), tileSize(arena, i, "height"));
            }
            return List.of(out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new UnreadableSlideException(path, "native call failed reading levels: " + t, t);
        }
    }

    private int tileSize(Arena arena, int level, String axis) throws Throwable {
        String value = OpenSlideLibrary.cString((MemorySegment) lib.getPropertyValue.invokeExact(handle,
                arena.allocateFrom("openslide.level[" + level + "].tile-" + axis)));
        checkError("reading the tile size of level " + level);
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Map<String, String> readProperties() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            List<String> names = OpenSlideLibrary.cStringArray((MemorySegment) lib.getPropertyNames.invokeExact(handle));
            checkError("listing properties");
            Map<String, String> out = new LinkedHashMap<>();
            for (String name : names) {
                String value = OpenSlideLibrary.cString(
                        (MemorySegment) lib.getPropertyValue.invokeExact(handle, arena.allocateFrom(name)));
                checkError("reading property " + name);
                if (value != null) {
                    out.put(name, value);
                }
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new UnreadableSlideException(path, "native call failed reading properties: " + t, t);
        }
    }

    private Set<String> readAssociatedNames() throws IOException {
        try {
            List<String> names = OpenSlideLibrary.cStringArray(
                    (MemorySegment) lib.getAssociatedImageNames.invokeExact(handle));
            checkError("listing associated images");
            return Collections.unmodifiableSet(new LinkedHashSet<>(names));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new UnreadableSlideException(path, "native call failed listing associated images: " + t, t);
        }
    }
}
