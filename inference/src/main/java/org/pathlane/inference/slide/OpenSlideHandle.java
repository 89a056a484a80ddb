package org.pathlane.inference.slide;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code openslide_t*} and the native calls on it, each followed by {@code openslide_get_error}.
 * Not a lifecycle owner: {@link OpenSlideReader} decides when calls may run and when to close.
 */
final class OpenSlideHandle {

    private final OpenSlideLibrary lib;
    private final Path path;
    private final MemorySegment osr;

    private OpenSlideHandle(OpenSlideLibrary lib, Path path, MemorySegment osr) {
        this.lib = lib;
        this.path = path;
        this.osr = osr;
    }

    /**
     * Opens {@code path}; on any failure nothing stays open.
     *
     * @param vendor what {@code openslide_detect_vendor} said, for the message when opening fails
     */
    static OpenSlideHandle open(OpenSlideLibrary lib, Path path, String vendor) throws IOException {
        MemorySegment osr;
        try (Arena arena = Arena.ofConfined()) {
            osr = (MemorySegment) lib.open.invokeExact(arena.allocateFrom(path.toString()));
        } catch (Throwable t) {
            throw new UnreadableSlideException(path, "OpenSlide failed to open it: " + t, t);
        }
        if (osr.equals(MemorySegment.NULL)) {
            throw new UnreadableSlideException(path, "OpenSlide recognises it as " + vendor
                    + " but cannot open it; the file is probably damaged or incomplete (copy it again)");
        }
        OpenSlideHandle handle = new OpenSlideHandle(lib, path, osr);
        try {
            handle.check("opening it");
        } catch (IOException e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    /** Reads everything {@link SlideReader}'s accessors report. */
    SlideMetadata metadata(String vendor, String id) throws IOException {
        Map<String, String> properties = properties();
        Mpp.Reading mpp = Mpp.read(properties, vendor);
        return new SlideMetadata(path, id, vendor, levels(properties), properties, associatedImageNames(),
                mpp.x(), mpp.y(), mpp.note());
    }

    /** {@code openslide_read_region} into {@code dest} (premultiplied ARGB, native order). */
    void readRegion(MemorySegment dest, long x, long y, int level, int w, int h) throws IOException {
        try {
            lib.readRegion.invokeExact(osr, dest, x, y, level, (long) w, (long) h);
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
        String error = error();
        if (error != null) {
            throw failure("reading level " + level + " at " + x + "," + y + " size " + w + "x" + h, error);
        }
    }

    /** The associated image's width and height. */
    long[] associatedImageSize(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(JAVA_LONG);
            MemorySegment h = arena.allocate(JAVA_LONG);
            lib.getAssociatedImageDimensions.invokeExact(osr, arena.allocateFrom(name), w, h);
            check("reading the size of associated image " + name);
            return new long[] {w.get(JAVA_LONG, 0), h.get(JAVA_LONG, 0)};
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
    }

    /** {@code openslide_read_associated_image} into {@code dest}, sized by {@link #associatedImageSize}. */
    void readAssociatedImage(String name, MemorySegment dest) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            lib.readAssociatedImage.invokeExact(osr, arena.allocateFrom(name), dest);
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
        check("reading associated image " + name);
    }

    /** {@code openslide_close}. */
    void close() {
        try {
            lib.close.invokeExact(osr);
        } catch (Throwable t) {
            throw new IllegalStateException("openslide_close failed for " + path, t);
        }
    }

    private Map<String, String> properties() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            List<String> names = OpenSlideLibrary.cStringArray((MemorySegment) lib.getPropertyNames.invokeExact(osr));
            check("listing properties");
            Map<String, String> out = new LinkedHashMap<>();
            for (String name : names) {
                String value = OpenSlideLibrary.cString(
                        (MemorySegment) lib.getPropertyValue.invokeExact(osr, arena.allocateFrom(name)));
                check("reading property " + name);
                if (value != null) {
                    out.put(name, value);
                }
            }
            return out;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
    }

    private List<SlideLevel> levels(Map<String, String> properties) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int count = (int) lib.getLevelCount.invokeExact(osr);
            check("counting levels");
            if (count <= 0) {
                throw new UnreadableSlideException(path, "OpenSlide found no image levels");
            }
            MemorySegment w = arena.allocate(JAVA_LONG);
            MemorySegment h = arena.allocate(JAVA_LONG);
            SlideLevel[] out = new SlideLevel[count];
            for (int i = 0; i < count; i++) {
                lib.getLevelDimensions.invokeExact(osr, i, w, h);
                double downsample = (double) lib.getLevelDownsample.invokeExact(osr, i);
                check("reading level " + i);
                out[i] = new SlideLevel(w.get(JAVA_LONG, 0), h.get(JAVA_LONG, 0), downsample,
                        tileSize(properties, i, "width"), tileSize(properties, i, "height"));
            }
            return List.of(out);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
    }

    private Set<String> associatedImageNames() throws IOException {
        try {
            List<String> names = OpenSlideLibrary.cStringArray(
                    (MemorySegment) lib.getAssociatedImageNames.invokeExact(osr));
            check("listing associated images");
            return new LinkedHashSet<>(names);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
    }

    /** OpenSlide's {@code openslide.level[N].tile-width/-height} property, 0 when absent or odd. */
    private static int tileSize(Map<String, String> properties, int level, String axis) {
        String value = properties.get("openslide.level[" + level + "].tile-" + axis);
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void check(String what) throws IOException {
        String error = error();
        if (error != null) {
            throw failure(what, error);
        }
    }

    private String error() throws IOException {
        try {
            return OpenSlideLibrary.cString((MemorySegment) lib.getError.invokeExact(osr));
        } catch (Throwable t) {
            throw nativeFailure(t);
        }
    }

    private UnreadableSlideException failure(String what, String error) {
        return new UnreadableSlideException(path, "OpenSlide failed " + what + ": " + error
                + " (the file is probably damaged or incomplete; copy it again)");
    }

    private IOException nativeFailure(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        return new IOException(path + ": native call into OpenSlide failed: " + t, t);
    }
}
