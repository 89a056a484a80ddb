package org.pathlane.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Emptying and measuring build folders. */
public final class Folders {

    private Folders() {
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + ": close programs using it and build again", e);
        }
    }

    /** Bytes of a file, or of every file under a folder. */
    public static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + path, e);
        }
    }
}
