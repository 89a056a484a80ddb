package org.pathlane.packaging.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathlane.packaging.Archives;
import org.pathlane.packaging.JdkTool;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

/**
 * Turns OpenJFX's Maven jars into jmods. Maven Central carries JavaFX only as jars, with the native
 * libraries (libglass, libprism_*) at the jar root; as plain jars in a jlinked image JavaFX would
 * extract those into the user's home on first start. A jmod keeps classes and libraries apart, so
 * jlink puts the libraries in the runtime's {@code lib} folder where JavaFX loads them directly.
 */
public final class JavaFxJmods {

    private final TargetPlatform platform;

    public JavaFxJmods(TargetPlatform platform) {
        this.platform = platform;
    }

    /** Writes one {@code <module>.jmod} per jar into {@code jmodsDir}; returns their module names. */
    public List<String> create(List<Path> javaFxJars, Path workDir, Path jmodsDir) {
        List<String> modules = new ArrayList<>();
        try {
            Files.createDirectories(jmodsDir);
            for (Path jar : javaFxJars) {
                String module = ModuleFinder.of(jar).findAll().iterator().next().descriptor().name();
                Path classes = workDir.resolve(module).resolve("classes");
                Path libs = workDir.resolve(module).resolve("lib");
                Files.createDirectories(classes);
                Files.createDirectories(libs);
                Archives.forEachFile(jar, (entry, bytes) -> {
                    String name = entry.getName();
                    if (isTopLevel(name) && platform.isNativeLibrary(name)) {
                        Archives.write(libs, name, bytes);
                    } else if (keepAsClassContent(name)) {
                        Archives.write(classes, name, bytes);
                    }
                });
                if (!Files.exists(classes.resolve("module-info.class"))) {
                    throw new PackagingException("The JavaFX jar " + jar + " has no module-info.class: "
                            + "expected OpenJFX's platform jar (e.g. javafx-graphics-<version>-linux.jar).");
                }
                List<String> args = new ArrayList<>(List.of("create", "--class-path", classes.toString()));
                if (hasFiles(libs)) {
                    args.addAll(List.of("--libs", libs.toString()));
                }
                Path jmod = jmodsDir.resolve(module + ".jmod");
                Files.deleteIfExists(jmod);
                args.add(jmod.toString());
                JdkTool.run("jmod", args);
                modules.add(module);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the JavaFX jmods in " + workDir, e);
        }
        return modules;
    }

    private static boolean isTopLevel(String entryName) {
        return entryName.indexOf('/') < 0;
    }

    /** The manifest and signatures describe the jar, not the module; the SWT bridge is an extra jar. */
    private static boolean keepAsClassContent(String name) {
        return !name.equals("META-INF/MANIFEST.MF")
                && !(name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA")))
                && !(isTopLevel(name) && name.endsWith(".jar"));
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }
}
