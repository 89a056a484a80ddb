package org.pathlane.packaging.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The slide formats PathLane opens from the file manager. jpackage takes one properties file per
 * association; on Linux it also registers each MIME type with a glob for the extension.
 */
public final class FileAssociations {

    /**
     * A file type: its extensions, the MIME type registered on Linux, what the file manager calls it,
     * and on macOS how strongly PathLane claims it ({@code Default}, or {@code Alternate} for a format
     * other programs own, so Preview stays the default for ordinary TIFFs).
     */
    public record FileType(List<String> extensions, String mimeType, String description, String macRank) {
    }

    /**
     * The vendor formats get a MIME type of their own; TIFF keeps the standard {@code image/tiff}
     * (one association for both spellings, with a neutral description, since it is shared with
     * every other TIFF on the machine).
     */
    public static final List<FileType> SLIDES = List.of(
            new FileType(List.of("svs"), "image/x-aperio-svs", "Aperio whole-slide image", "Default"),
            new FileType(List.of("ndpi"), "image/x-hamamatsu-ndpi", "Hamamatsu whole-slide image", "Default"),
            new FileType(List.of("mrxs"), "image/x-3dhistech-mrxs", "3DHISTECH MIRAX whole-slide image", "Default"),
            new FileType(List.of("scn"), "image/x-leica-scn", "Leica whole-slide image", "Default"),
            new FileType(List.of("tif", "tiff"), "image/tiff", "TIFF image", "Alternate"));

    private FileAssociations() {
    }

    /** Writes {@code <first extension>.properties} for every slide type into {@code dir}. */
    public static List<Path> write(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (FileType type : SLIDES) {
                Path file = dir.resolve(type.extensions().getFirst() + ".properties");
                Files.writeString(file, "extension=" + String.join(" ", type.extensions()) + "\n"
                        + "mime-type=" + type.mimeType() + "\n"
                        + "description=" + type.description() + "\n"
                        // Read on macOS only (Info.plist's CFBundleDocumentTypes); the other platforms ignore them.
                        + "mac.CFBundleTypeRole=Viewer\n"
                        + "mac.LSHandlerRank=" + type.macRank() + "\n", StandardCharsets.ISO_8859_1);
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the file associations into " + dir, e);
        }
        return files;
    }
}
