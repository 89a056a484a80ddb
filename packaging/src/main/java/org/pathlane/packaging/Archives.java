package org.pathlane.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reading jars entry by entry, and writing entries out without escaping the target folder. */
public final class Archives {

    private Archives() {
    }

    /** Called for each file entry of a jar with a stream positioned at its bytes. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(ZipEntry entry, InputStream bytes) throws IOException;
    }

    public static void forEachFile(Path jar, EntryVisitor visitor) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    visitor.visit(entry, in);
                }
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot read the jar " + jar + " (" + e.getMessage()
                    + "): delete it from the local Maven repository (~/.m2/repository) and build again.", e);
        }
    }

    /** Writes {@code bytes} to {@code dir/relative}, refusing names that would land outside {@code dir}. */
    public static Path write(Path dir, String relative, InputStream bytes) {
        Path target = dir.resolve(relative).normalize();
        if (!target.startsWith(dir.normalize())) {
            throw new PackagingException("Refusing the archive entry '" + relative + "': it points outside " + dir);
        }
        try {
            Files.createDirectories(target.getParent());
            Files.copy(bytes, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /** The last part of an entry name: {@code a/b/libx.so} gives {@code libx.so}. */
    public static String fileName(String entryName) {
        return entryName.substring(entryName.lastIndexOf('/') + 1);
    }
}
