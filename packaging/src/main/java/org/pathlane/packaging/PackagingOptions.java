package org.pathlane.packaging;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Maven build passes to {@link Packager}, as {@code --name=value} arguments.
 *
 * @param jars the app's runtime jars (copied by the dependency plugin)
 * @param work scratch folder, emptied at the start
 * @param dest where the app image and installers go ({@code <dest>/<flavour>/})
 * @param version the Maven project version
 * @param flavour {@code gpu} or {@code cpu}: which ONNX Runtime build is inside
 * @param onnxRuntime the ONNX Runtime artifact the build copied ({@code onnxruntime_gpu} or {@code onnxruntime})
 * @param types {@code app-image} and/or installer types ({@code deb}, {@code rpm}, {@code msi}, {@code dmg}, ...)
 * @param openSlide a folder with OpenSlide's official binaries to bundle, if any
 */
public record PackagingOptions(Path jars, Path work, Path dest, String version, String flavour,
                               String onnxRuntime, List<String> types, Optional<Path> openSlide) {

    private static final Set<String> KNOWN = Set.of("jars", "work", "dest", "version", "flavour", "types", "onnxruntime", "openslide");
    /** The ONNX Runtime artifact of each flavour. */
    private static final Map<String, String> FLAVOURS = Map.of("gpu", "onnxruntime_gpu", "cpu", "onnxruntime");

    public static PackagingOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : "";
            if (!KNOWN.contains(name)) {
                throw new PackagingException("Unknown packager argument '" + arg + "': expected --NAME=VALUE with NAME one of " + KNOWN);
            }
            values.put(name, arg.substring(eq + 1).strip());
        }
        String flavour = required(values, "flavour");
        if (!FLAVOURS.containsKey(flavour)) {
            throw new PackagingException("Unknown flavour '" + flavour + "': use gpu (CUDA build of ONNX Runtime) or cpu.");
        }
        String onnxRuntime = values.getOrDefault("onnxruntime", FLAVOURS.get(flavour));
        if (!onnxRuntime.equals(FLAVOURS.get(flavour))) {
            throw new PackagingException("The " + flavour + " flavour needs ONNX Runtime's " + FLAVOURS.get(flavour)
                    + " jar, but the build copied " + onnxRuntime + ": set only -Dpathlane.flavour (the profile picks the jar).");
        }
        List<String> types = Arrays.stream(required(values, "types").split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        String openSlide = values.getOrDefault("openslide", "");
        return new PackagingOptions(Path.of(required(values, "jars")), Path.of(required(values, "work")),
                Path.of(required(values, "dest")), required(values, "version"), flavour, onnxRuntime, types,
                openSlide.isEmpty() ? Optional.empty() : Optional.of(Path.of(openSlide)));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new PackagingException("The packager needs --" + name + "=...: run it through ./pathlane package.");
        }
        return value;
    }

    /** Refuses combinations the platform cannot have: ONNX Runtime has no GPU build for macOS. */
    public PackagingOptions checkFor(TargetPlatform platform) {
        if (platform == TargetPlatform.MAC && flavour.equals("gpu")) {
            throw new PackagingException("ONNX Runtime publishes no GPU build for macOS: package the cpu flavour (./pathlane package --cpu).");
        }
        return this;
    }

    /** The installer types requested besides the app image, which is always built. */
    public List<String> installerTypes() {
        return types.stream().filter(t -> !t.equals("app-image")).toList();
    }
}
