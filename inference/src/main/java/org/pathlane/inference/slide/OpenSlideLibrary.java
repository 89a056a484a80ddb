package org.pathlane.inference.slide;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenSlide C library bound with the FFM API. Only functions present in both OpenSlide 3.4 and 4.x
 * are bound. Loaded once per JVM; {@link #get()} throws {@link OpenSlideMissingException} with install
 * advice when the library cannot be found.
 *
 * <p>Lookup order: system property {@code pathlane.openslide} (a file), environment variable
 * {@code PATHLANE_OPENSLIDE} (a file), then the platform's library names through the system loader.
 */
public final class OpenSlideLibrary {

    public static final String PATH_PROPERTY = "pathlane.openslide";
    public static final String PATH_ENV = "PATHLANE_OPENSLIDE";

    private static final Logger LOG = LoggerFactory.getLogger(OpenSlideLibrary.class);
    private static final Object LOCK = new Object();
    private static volatile OpenSlideLibrary instance;
    private static volatile OpenSlideMissingException failure;

    final MethodHandle detectVendor;
    final MethodHandle open;
    final MethodHandle close;
    final MethodHandle getError;
    final MethodHandle getLevelCount;
    final MethodHandle getLevelDimensions;
    final MethodHandle getLevelDownsample;
    final MethodHandle getPropertyNames;
    final MethodHandle getPropertyValue;
    final MethodHandle getAssociatedImageNames;
    final MethodHandle getAssociatedImageDimensions;
    final MethodHandle readAssociatedImage;
    final MethodHandle readRegion;
    private final String version;
    private final String location;

    private OpenSlideLibrary(SymbolLookup lookup, String location) {
        Linker linker = Linker.nativeLinker();
        this.location = location;
        detectVendor = bind(linker, lookup, "openslide_detect_vendor", FunctionDescriptor.of(ADDRESS, ADDRESS));
        open = bind(linker, lookup, "openslide_open", FunctionDescriptor.of(ADDRESS, ADDRESS));
        close = bind(linker, lookup, "openslide_close", FunctionDescriptor.ofVoid(ADDRESS));
        getError = bind(linker, lookup, "openslide_get_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getLevelCount = bind(linker, lookup, "openslide_get_level_count", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getLevelDimensions = bind(linker, lookup, "openslide_get_level_dimensions",
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        getLevelDownsample = bind(linker, lookup, "openslide_get_level_downsample",
                FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_INT));
        getPropertyNames = bind(linker, lookup, "openslide_get_property_names", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getPropertyValue = bind(linker, lookup, "openslide_get_property_value",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        getAssociatedImageNames = bind(linker, lookup, "openslide_get_associated_image_names",
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        getAssociatedImageDimensions = bind(linker, lookup, "openslide_get_associated_image_dimensions",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        readAssociatedImage = bind(linker, lookup, "openslide_read_associated_image",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        readRegion = bind(linker, lookup, "openslide_read_region",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
        MethodHandle getVersion = bind(linker, lookup, "openslide_get_version", FunctionDescriptor.of(ADDRESS));
        try {
            version = cString((MemorySegment) getVersion.invokeExact());
        } catch (Throwable t) {
            throw new IllegalStateException("openslide_get_version failed in " + location, t);
        }
    }

    /**
     * The loaded library.
     *
     * @throws OpenSlideMissingException when OpenSlide is not installed or the configured file is unusable
     */
    public static OpenSlideLibrary get() throws OpenSlideMissingException {
        OpenSlideLibrary lib = instance;
        if (lib != null) {
            return lib;
        }
        synchronized (LOCK) {
            if (instance == null && failure == null) {
                try {
                    instance = load();
                    LOG.debug("OpenSlide {} loaded from {}", instance.version, instance.location);
                } catch (OpenSlideMissingException e) {
                    failure = e;
                }
            }
            if (instance == null) {
                throw failure;
            }
            return instance;
        }
    }

    /** True when OpenSlide can be loaded on this machine. */
    public static boolean isAvailable() {
        try {
            get();
            return true;
        } catch (OpenSlideMissingException e) {
            return false;
        }
    }

    /** OpenSlide's own version string, e.g. {@code 3.4.1}. */
    public String version() {
        return version;
    }

    /** The file or library name the binding was loaded from. */
    public String location() {
        return location;
    }

    private static OpenSlideLibrary load() throws OpenSlideMissingException {
        String configured = System.getProperty(PATH_PROPERTY);
        String source = "-D" + PATH_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(PATH_ENV);
            source = PATH_ENV;
        }
        return load(configured, source);
    }

    /** Loads from {@code configured} (a file, named by {@code source} in errors) or, when blank, by name. */
    static OpenSlideLibrary load(String configured, String source) throws OpenSlideMissingException {
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            if (!Files.isRegularFile(file)) {
                throw new OpenSlideMissingException("OpenSlide library " + file + " (from " + source
                        + ") does not exist; point it at libopenslide's shared library file or unset it");
            }
            try {
                return new OpenSlideLibrary(SymbolLookup.libraryLookup(file, Arena.global()), file.toString());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new OpenSlideMissingException("cannot load the OpenSlide library " + file + " (from " + source
                        + "): " + e.getMessage());
            }
        }
        List<String> tried = new ArrayList<>();
        for (String name : candidateNames()) {
            tried.add(name);
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notFound) {
                continue;
            }
            return new OpenSlideLibrary(lookup, name);
        }
        throw new OpenSlideMissingException("OpenSlide is not installed (tried " + String.join(", ", tried)
                + "). Install it (Debian/Ubuntu: apt-get install libopenslide0; Fedora: dnf install openslide;"
                + " macOS: brew install openslide; Windows: unpack the openslide-bin zip and put its bin folder"
                + " on PATH), or set " + PATH_ENV + " / -D" + PATH_PROPERTY + " to the library file.");
    }

    private static List<String> candidateNames() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("libopenslide-1.dll", "libopenslide-0.dll", "openslide.dll");
        }
        if (os.contains("mac")) {
            return List.of("libopenslide.1.dylib", "libopenslide.0.dylib",
                    "/opt/homebrew/lib/libopenslide.1.dylib", "/opt/homebrew/lib/libopenslide.0.dylib",
                    "/usr/local/lib/libopenslide.1.dylib", "/usr/local/lib/libopenslide.0.dylib");
        }
        return List.of("libopenslide.so.1", "libopenslide.so.0", "libopenslide.so");
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(
                "the OpenSlide library lacks " + name + "; PathLane needs OpenSlide 3.4 or newer"));
        return linker.downcallHandle(symbol, descriptor);
    }

    /** Reads a NUL-terminated C string, or null for a NULL pointer. */
    static String cString(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Reads a NULL-terminated array of C strings. */
    static List<String> cStringArray(MemorySegment pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.equals(MemorySegment.NULL)) {
            return out;
        }
        MemorySegment array = pointer.reinterpret(Long.MAX_VALUE);
        for (long i = 0; ; i++) {
            MemorySegment element = array.getAtIndex(ADDRESS, i);
            if (element.equals(MemorySegment.NULL)) {
                return out;
            }
            out.add(cString(element));
        }
    }
}
