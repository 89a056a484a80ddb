package org.pathlane.app.slides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Which files of a folder are slides, by their extension: what a folder import and a batch over a folder take. */
public final class SlideFiles {

    /** The extensions taken, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("svs", "tif", "tiff", "ndpi", "mrxs", "scn", "bif", "vms",
            "vmu", "svslide", "png", "jpg", "jpeg");

    /** How far down a folder is searched: a case folder of block folders of slides is found. */
    public static final int DEPTH = 3;

    private SlideFiles() {
    }

    /**
     * The slide files in {@code folder} and up to {@value #DEPTH} levels below it, sorted by path, absolute;
     * hidden files and folders (a name starting with '.') are left out.
     *
     * @throws IOException naming the folder when it cannot be read
     */
    public static List<Path> in(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder");
        }
        try (Stream<Path> walk = Files.walk(root, DEPTH)) {
            return walk.filter(p -> !hidden(root.relativize(p))).filter(Files::isRegularFile).filter(SlideFiles::looksLikeSlide)
                    .sorted().toList();
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("the folder " + root + " could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public static boolean looksLikeSlide(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
