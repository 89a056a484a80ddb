package org.pathlane.packaging.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

/**
 * OpenSlide for Windows and macOS, where no package manager provides it: the official openslide-bin
 * build (one self-contained library, {@code libopenslide-1.dll} or {@code libopenslide.1.dylib}) is
 * copied into the image, and the launcher points {@code -Dpathlane.openslide} at it.
 */
public final class OpenSlideBundle {

    private static final Pattern LIBRARY = Pattern.compile("libopenslide([-.]\\d+)?\\.(dll|dylib)|libopenslide\\.so(\\.\\d+)*");

    private OpenSlideBundle() {
    }

    /** Copies every library of {@code platform} found under {@code sourceDir}; returns the OpenSlide one. */
    public static Path copy(Path sourceDir, TargetPlatform platform, Path targetDir) {
        if (!Files.isDirectory(sourceDir)) {
            throw new PackagingException("The OpenSlide folder " + sourceDir + " does not exist: unpack OpenSlide's "
                    + "official binaries (openslide-bin) there, or leave -Dpathlane.openslide.dir empty.");
        }
        List<Path> libraries;
        try (Stream<Path> files = Files.walk(sourceDir)) {
            libraries = files.filter(Files::isRegularFile)
                    .filter(p -> platform.isNativeLibrary(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search " + sourceDir + " for OpenSlide's libraries", e);
        }
        Path main = libraries.stream().filter(p -> LIBRARY.matcher(p.getFileName().toString()).matches())
                .findFirst().orElseThrow(() -> new PackagingException("No OpenSlide library (libopenslide-1.dll, "
                        + "libopenslide.1.dylib) under " + sourceDir + ": unpack openslide-bin for this platform there."));
        try {
            Files.createDirectories(targetDir);
            for (Path library : libraries) {
                Files.copy(library, targetDir.resolve(library.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy OpenSlide's libraries into " + targetDir, e);
        }
        return targetDir.resolve(main.getFileName());
    }
}
