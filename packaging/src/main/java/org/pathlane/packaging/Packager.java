package org.pathlane.packaging;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pathlane.packaging.icon.IconFiles;
import org.pathlane.packaging.installer.AppVersion;
import org.pathlane.packaging.installer.DesktopEntry;
import org.pathlane.packaging.installer.FileAssociations;
import org.pathlane.packaging.installer.JpackageArguments;
import org.pathlane.packaging.installer.LauncherOptions;
import org.pathlane.packaging.natives.OnnxRuntimeNatives;
import org.pathlane.packaging.natives.OpenSlideBundle;
import org.pathlane.packaging.runtime.JavaFxJmods;
import org.pathlane.packaging.runtime.RuntimeImage;
import org.pathlane.packaging.runtime.RuntimeModules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds PathLane's app image and installers for the build machine's OS from the app's jars:
 * JavaFX jmods, a jlinked runtime, the class path with ONNX Runtime's natives extracted, an icon,
 * then jpackage. Run by the {@code installer} Maven profile ({@code ./pathlane package}).
 */
public final class Packager {

    private static final Logger LOG = LoggerFactory.getLogger(Packager.class);
    /** Host tools jpackage calls for each Linux installer type. */
    private static final Map<String, List<String>> LINUX_TOOLS = Map.of(
            "deb", List.of("dpkg-deb", "fakeroot"), "rpm", List.of("rpmbuild"));

    private final PackagingOptions options;
    private final TargetPlatform platform;
    private final List<String> timings = new ArrayList<>();
    private long stepStart = System.nanoTime();

    Packager(PackagingOptions options, TargetPlatform platform) {
        this.options = options;
        this.platform = platform;
    }

    public static void main(String[] args) {
        try {
            TargetPlatform platform = TargetPlatform.current();
            new Packager(PackagingOptions.parse(args).checkFor(platform), platform).run();
        } catch (PackagingException | UncheckedIOException e) {
            LOG.error("packaging failed: {}", e.getMessage());
            System.exit(1);
        }
    }

    void run() {
        long start = System.nanoTime();
        AppVersion version = AppVersion.fromMaven(options.version()).checkFor(platform);
        Path work = options.work();
        Folders.deleteRecursively(work);
        JarSet jars = JarSet.scan(options.jars());
        LOG.info("PathLane {} ({} flavour) for {}: {} class-path jars, {} JavaFX modules",
                version.text(), options.flavour(), platform, jars.classPath().size(), jars.javaFx().size());

        List<String> javaFx = new JavaFxJmods(platform).create(jars.javaFx(), work.resolve("javafx"), work.resolve("jmods"));
        step("JavaFX jmods");

        Path input = work.resolve("input");
        copyJars(jars.classPath(), input);
        List<Path> analysed = new ArrayList<>(jars.classPath());
        jars.onnxRuntime().ifPresentOrElse(ort -> analysed.add(extractOnnxRuntime(ort, input)),
                () -> LOG.warn("The app's jars contain no ONNX Runtime: the installer will not run segmentation models."));
        Optional<String> openSlide = options.openSlide().map(dir ->
                OpenSlideBundle.copy(dir, platform, input.resolve(LauncherOptions.OPENSLIDE_FOLDER)).getFileName().toString());
        openSlide.ifPresent(lib -> LOG.info("OpenSlide bundled: {}", lib));
        step("class path and native libraries");

        Set<String> modules = new TreeSet<>(RuntimeModules.jdkModules(analysed, jars.javaFx()));
        modules.addAll(javaFx);
        LOG.info("runtime modules: {}", String.join(",", modules));
        Path runtime = RuntimeImage.link(work.resolve("jmods"), modules, work.resolve("runtime"));
        step("jlink runtime");

        Path icon = IconFiles.write(platform, work.resolve("icon"));
        Path cliLauncher = writeCliLauncher(work);
        JpackageArguments jpackage = new JpackageArguments(platform, version, icon);
        Path dest = options.dest().resolve(options.flavour());
        Path appImage = dest.resolve(platform == TargetPlatform.MAC ? JpackageArguments.NAME + ".app" : JpackageArguments.NAME);
        // An installer left from an earlier build (another version, or a type not asked for now) must not pass for this one.
        Folders.deleteRecursively(dest);
        JdkTool.run("jpackage", jpackage.appImage(new JpackageArguments.ImageContent(runtime, input,
                jars.mainJar().getFileName().toString(), JarSet.MAIN_CLASS,
                LauncherOptions.javaOptions(javaFx, openSlide), cliLauncher), dest));
        step("app image");

        List<String> built = new ArrayList<>(List.of(describe(appImage)));
        built.addAll(buildInstallers(jpackage, appImage, work, dest));
        LOG.info("Built in {} s ({}):{}{}", seconds(System.nanoTime() - start), String.join(", ", timings),
                System.lineSeparator() + "  ", String.join(System.lineSeparator() + "  ", new TreeSet<>(built)));
    }

    /** ONNX Runtime's jar without natives into {@code input}, this platform's libraries beside it; returns the jar. */
    private Path extractOnnxRuntime(Path ort, Path input) {
        Path split = input.resolve(ort.getFileName());
        List<String> libs = OnnxRuntimeNatives.split(ort, platform.onnxRuntimeFolder(System.getProperty("os.arch")),
                split, input.resolve(LauncherOptions.ONNX_RUNTIME_FOLDER));
        LOG.info("ONNX Runtime ({}): libraries extracted: {}", ort.getFileName(), libs);
        return split;
    }

    /** Each requested installer from the app image; returns a size line per file built. */
    private List<String> buildInstallers(JpackageArguments jpackage, Path appImage, Path work, Path dest) {
        List<String> built = new ArrayList<>();
        List<Path> associations = FileAssociations.write(work.resolve("associations"));
        Path resources = work.resolve("resources");
        if (platform == TargetPlatform.LINUX) {
            DesktopEntry.write(resources);
        }
        for (String type : options.installerTypes()) {
            Optional<String> missing = missingTool(type);
            if (missing.isPresent()) {
                LOG.warn("Skipping the {} installer: {} is not installed (Debian: apt-get install -y {}).",
                        type, missing.get(), missing.get().equals("rpmbuild") ? "rpm" : missing.get());
                continue;
            }
            JdkTool.run("jpackage", jpackage.installer(type, appImage, associations, resources, dest));
            step(type + " installer");
            for (Path file : listFiles(dest)) {
                if (file.getFileName().toString().endsWith("." + type)) {
                    built.add(describe(file));
                }
            }
        }
        return built;
    }

    private void step(String name) {
        long now = System.nanoTime();
        timings.add(name + " " + seconds(now - stepStart) + " s");
        stepStart = now;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static String describe(Path path) {
        return String.format(Locale.ROOT, "%-40s %8.1f MB", path.getFileName() + (Files.isDirectory(path) ? "/" : ""),
                Folders.size(path) / 1e6);
    }

    private static void copyJars(List<Path> jars, Path input) {
        try {
            Files.createDirectories(input);
            for (Path jar : jars) {
                Files.copy(jar, input.resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the app's jars into " + input, e);
        }
    }

    private Path writeCliLauncher(Path work) {
        Path file = work.resolve(JpackageArguments.WINDOWS_CLI_LAUNCHER + ".properties");
        try {
            Files.writeString(file, LauncherOptions.windowsCliLauncherProperties());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private Optional<String> missingTool(String type) {
        if (platform != TargetPlatform.LINUX) {
            return Optional.empty(); // jpackage names WiX or Xcode itself when they are missing
        }
        return LINUX_TOOLS.getOrDefault(type, List.of()).stream().filter(tool -> !onPath(tool)).findFirst();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Set<Path> listFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return new TreeSet<>(files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
