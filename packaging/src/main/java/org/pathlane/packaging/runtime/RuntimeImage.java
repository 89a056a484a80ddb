package org.pathlane.packaging.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.pathlane.packaging.JdkTool;
import org.pathlane.packaging.PackagingException;

/**
 * jlink: a runtime with only the given modules, JavaFX included from jmods. Temurin 25 ships no
 * jmods of its own; jlink then links the JDK modules from the running JDK's image (JEP 493) and
 * takes JavaFX from {@code jmodsDir}.
 */
public final class RuntimeImage {

    private RuntimeImage() {
    }

    public static Path link(Path jmodsDir, Collection<String> modules, Path output) {
        if (Files.exists(output)) {
            throw new PackagingException("The runtime folder " + output + " already exists: jlink writes only into a new folder.");
        }
        try {
            Files.createDirectories(output.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + output.getParent(), e);
        }
        // No --compress: the installers compress anyway, and an uncompressed image starts faster.
        // Java debug attributes only: stripping native symbols needs objcopy on the build machine,
        // and the JDK and JavaFX libraries come stripped already.
        JdkTool.run("jlink", List.of(
                "--module-path", jmodsDir.toString(),
                "--add-modules", String.join(",", modules),
                "--strip-java-debug-attributes", "--no-header-files", "--no-man-pages",
                "--output", output.toString()));
        return output;
    }
}
