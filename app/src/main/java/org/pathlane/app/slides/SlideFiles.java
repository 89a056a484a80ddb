package org.pathlane.app.slides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which files of a folder are slides, by their extension: what a folder import and a batch over a folder take. */
public final class SlideFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SlideFiles.class);

    /** The extensions taken, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("svs", "tif", "tiff", "ndpi", "mrxs", "scn", "bif", "vms",
            "vmu", "svslide", "png", "jpg", "jpeg");

    /** How far down a folder is searched: a case folder of block folders of slides is found. */
    public static final int DEPTH = 3;

    private SlideFiles() {
    }

    /**
     * The slide files in {@code folder} and up to {@value #DEPTH} levels below it, sorted by path, absolute;
     * hidden files and folders (a name starting with '.') are left out. Linked folders are searched (a case
     * folder linked in from a share); a link back up, or a subfolder that cannot be read, is passed over, not the
     * end of the search; a slide reached twice (a link to it) is taken once.
     *
     * @throws IOException naming the folder when it cannot be read
     */
    public static List<Path> in(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder");
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(root) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !hidden(file) && looksLikeSlide(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    throw new IOException("the folder " + root + " could not be read: " + e.getMessage(), e);
                }
                LOG.info("Passing over {} while looking for slides in {}: {}", file, root, e.toString());
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        Set<Path> seen = new HashSet<>();
        List<Path> slides = new ArrayList<>();
        for (Path p : found) {
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                real = p;
            }
            if (seen.add(real)) {
                slides.add(p);
            }
        }
        return List.copyOf(slides);
    }

    public static boolean looksLikeSlide(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
