package org.pathlane.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The app's runtime jars sorted by what the packager does with each: JavaFX modules become part of
 * the jlinked runtime, ONNX Runtime is split into classes and extracted natives, everything else
 * (the app jar first) goes on the launcher's class path.
 */
public record JarSet(Path mainJar, List<Path> javaFx, Optional<Path> onnxRuntime, List<Path> classPath) {

    public static final String MAIN_CLASS = "org.pathlane.app.Main";
    private static final String MAIN_CLASS_FILE = MAIN_CLASS.replace('.', '/') + ".class";
    private static final String ONNX_RUNTIME_CLASS_FILE = "ai/onnxruntime/OrtEnvironment.class";

    public static JarSet scan(Path folder) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the app's jars in " + folder, e);
        }
        Path main = null;
        Path onnx = null;
        List<Path> javaFx = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        for (Path jar : jars) {
            Optional<ModuleDescriptor> module = descriptor(jar);
            if (module.isPresent() && isJavaFx(module.get())) {
                if (!module.get().isAutomatic()) {
                    javaFx.add(jar);
                }
                // else: OpenJFX's empty placeholder jar (the classes are in the platform jar); dropped.
            } else if (contains(jar, MAIN_CLASS_FILE)) {
                main = jar;
            } else if (contains(jar, ONNX_RUNTIME_CLASS_FILE)) {
                onnx = jar;
            } else {
                others.add(jar);
            }
        }
        if (main == null) {
            throw new PackagingException("No jar in " + folder + " contains " + MAIN_CLASS
                    + ": build the app first (./pathlane package does: mvn -Pinstaller -pl packaging -am package).");
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(main);
        classPath.addAll(others);
        return new JarSet(main, List.copyOf(javaFx), Optional.ofNullable(onnx), List.copyOf(classPath));
    }

    private static boolean isJavaFx(ModuleDescriptor module) {
        return module.name().startsWith("javafx.");
    }

    private static Optional<ModuleDescriptor> descriptor(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor);
        } catch (FindException e) {
            // Not every class-path jar makes a valid module (e.g. a name that is not a Java identifier).
            return Optional.empty();
        }
    }

    private static boolean contains(Path jar, String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            throw new PackagingException("Cannot open the jar " + jar + " (" + e.getMessage()
                    + "): delete it from the local Maven repository (~/.m2/repository) and build again.", e);
        }
    }
}
