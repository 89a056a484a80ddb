package org.pathlane.packaging.runtime;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.pathlane.packaging.JdkTool;

/**
 * The JDK modules the runtime image needs: what jdeps finds in the app's class path, plus the
 * modules that are only reached through service loading or reflection, which jdeps cannot see.
 */
public final class RuntimeModules {

    /**
     * Modules no class refers to directly, each kept for a reason a user would notice:
     * <ul>
     *   <li>{@code jdk.localedata}: dates and numbers in the technician's own locale (service-loaded);</li>
     *   <li>{@code jdk.charsets}: legacy encodings in slide metadata and CSV files (service-loaded);</li>
     *   <li>{@code jdk.zipfs}: opening model archives (bioimage.io zips) as file systems (service-loaded);</li>
     *   <li>{@code jdk.unsupported}: {@code sun.misc.Unsafe}, which Hibernate's and Caffeine's
     *       dependencies look up reflectively;</li>
     *   <li>{@code jdk.crypto.cryptoki} is deliberately absent: PathLane opens no TLS connection of its own.</li>
     * </ul>
     */
    public static final Set<String> ALWAYS = Set.of("jdk.localedata", "jdk.charsets", "jdk.zipfs", "jdk.unsupported");

    private RuntimeModules() {
    }

    /**
     * The JDK modules needed by {@code classPath}. Jars with their own module-info declare what they
     * require, and jdeps refuses them when one of their optional requirements is absent (e.g.
     * jakarta.transaction's CDI); so those are read from their descriptors and jdeps analyses the rest.
     */
    public static Set<String> jdkModules(List<Path> classPath, List<Path> javaFxJars) {
        Set<String> system = systemModules();
        Set<String> found = new TreeSet<>();
        List<Path> plain = new ArrayList<>();
        for (Path jar : classPath) {
            Optional<ModuleDescriptor> module = explicitModule(jar);
            if (module.isPresent()) {
                module.get().requires().stream().map(ModuleDescriptor.Requires::name)
                        .filter(system::contains).forEach(found::add);
            } else {
                plain.add(jar);
            }
        }
        if (!plain.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                    "--multi-release", Integer.toString(Runtime.version().feature())));
            if (!javaFxJars.isEmpty()) {
                args.addAll(List.of("--module-path", join(javaFxJars)));
            }
            args.addAll(List.of("--class-path", join(classPath)));
            plain.forEach(jar -> args.add(jar.toString()));
            found.addAll(parse(JdkTool.run("jdeps", args)));
        }
        return withAlways(found);
    }

    private static Optional<ModuleDescriptor> explicitModule(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
                    .filter(d -> !d.isAutomatic()).findFirst();
        } catch (FindException e) {
            return Optional.empty();
        }
    }

    private static Set<String> systemModules() {
        return ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor).map(ModuleDescriptor::name).collect(Collectors.toSet());
    }

    /** jdeps prints {@code java.base,java.sql,...}; only the JDK's own modules are kept. */
    static Set<String> parse(String jdepsOutput) {
        Set<String> system = systemModules();
        return Arrays.stream(jdepsOutput.strip().split("[,\\s]+"))
                .filter(m -> !m.isBlank() && system.contains(m))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> withAlways(Set<String> found) {
        Set<String> all = new TreeSet<>(found);
        all.add("java.base");
        all.addAll(ALWAYS);
        return all;
    }

    private static String join(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
