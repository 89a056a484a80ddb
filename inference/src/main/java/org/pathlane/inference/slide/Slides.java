package org.pathlane.inference.slide;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens any slide PathLane reads: whole-slide formats through OpenSlide, plain PNG/JPEG/TIFF through
 * ImageIO as a one-level slide. Every failure is an {@link IOException} whose message names the file
 * and says what to do; nothing here crashes the JVM on a bad file.
 */
public final class Slides {

    private static final Logger LOG = LoggerFactory.getLogger(Slides.class);
    private static final Set<String> PLAIN_IMAGE = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private Slides() {
    }

    /**
     * Opens {@code file}.
     *
     * @throws UnreadableSlideException when the file is missing, empty, a folder, not a slide, or damaged
     * @throws OpenSlideMissingException when the file needs OpenSlide and it is not installed
     */
    public static SlideReader open(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new UnreadableSlideException(path, "is a folder, not a slide file (choose the slide file inside it)");
        }
        if (!Files.exists(path)) {
            throw new UnreadableSlideException(path, "no such file (check the path)");
        }
        if (!Files.isReadable(path)) {
            throw new UnreadableSlideException(path, "cannot be read (check its permissions)");
        }
        if (Files.size(path) == 0) {
            throw new UnreadableSlideException(path, "is empty (0 bytes); copy the slide again");
        }
        String id = SlideIdentity.of(path);
        if (PLAIN_IMAGE.contains(extension(path))) {
            return ImageSlideReader.open(path, id);
        }
        Optional<String> vendor = detectVendor(path);
        if (vendor.isPresent()) {
            LOG.debug("{} detected by OpenSlide as {}", path, vendor.get());
            return OpenSlideReader.open(OpenSlideLibrary.get(), path, vendor.get(), id);
        }
        if (TiffStructure.isTiff(path)) {
            // OpenSlide refused a TIFF-family file. A whole plain TIFF goes to ImageIO as the spec says; a cut
            // one must not: ImageIO decodes whatever its first directory still describes and the run
            // "succeeds" on another image. A whole-slide extension never goes to ImageIO.
            Optional<String> cut = TiffStructure.problem(path);
            if (cut.isPresent() || isWholeSlideExtension(path)) {
                throw new UnreadableSlideException(path, "damaged or incomplete: it is a TIFF-family file that"
                        + " OpenSlide cannot open" + (cut.isPresent() ? " and " + cut.get() : "")
                        + "; a truncated copy looks like this, copy the file again");
            }
        }
        if (ImageSlideReader.canDecode(path)) {
            try {
                return ImageSlideReader.open(path, id);
            } catch (UnreadableSlideException e) {
                String detail = e.getCause() == null ? e.problem() : String.valueOf(e.getCause().getMessage());
                throw new UnreadableSlideException(path, "damaged or incomplete: it starts like an image but neither"
                        + " OpenSlide nor ImageIO can read it (" + detail + "); a truncated copy looks like this,"
                        + " copy the file again", e);
            }
        }
        try {
            OpenSlideLibrary.get();
        } catch (OpenSlideMissingException e) {
            throw new UnreadableSlideException(path, "not a plain image PathLane can decode, and OpenSlide"
                    + " (needed for whole-slide formats) is missing: " + e.getMessage(), e);
        }
        throw new UnreadableSlideException(path, "not a slide format PathLane can read: OpenSlide does not"
                + " recognise it and it is not a PNG, JPEG or TIFF image (supported: .svs .tif .tiff .ndpi"
                + " .mrxs .scn .bif .vms .vmu .svslide, .png .jpg)");
    }

    /** OpenSlide's vendor for the file, or empty when OpenSlide does not recognise it or is not installed. */
    private static Optional<String> detectVendor(Path path) throws IOException {
        OpenSlideLibrary lib;
        try {
            lib = OpenSlideLibrary.get();
        } catch (OpenSlideMissingException e) {
            if (isWholeSlideExtension(path)) {
                throw e;
            }
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vendor = (MemorySegment) lib.detectVendor.invokeExact(arena.allocateFrom(path.toString()));
            return Optional.ofNullable(OpenSlideLibrary.cString(vendor));
        } catch (Throwable t) {
            throw new UnreadableSlideException(path, "OpenSlide failed to inspect it: " + t, t);
        }
    }

    private static boolean isWholeSlideExtension(Path path) {
        return Set.of("svs", "ndpi", "mrxs", "scn", "bif", "vms", "vmu", "svslide").contains(extension(path));
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
