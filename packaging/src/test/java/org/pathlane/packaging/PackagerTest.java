package org.pathlane.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole packager on a tiny app: jars in, a runnable app image out (installers are the smoke test's job). */
class PackagerTest {

    @TempDir
    Path dir;

    @Test
    void buildsARunnableImageWhoseLauncherFindsTheExtractedOnnxRuntime() throws Exception {
        assumeTrue(TargetPlatform.current() == TargetPlatform.LINUX, "checks the Linux image layout (bin/, lib/app/)");
        String ortFolder = TargetPlatform.LINUX.onnxRuntimeFolder(System.getProperty("os.arch"));
        Path jars = dir.resolve("jars");
        new TestJars().mainPrinting("org.pathlane.app.Main", "onnxruntime.native.path").write(jars.resolve("pathlane-app-1.0.jar"));
        new TestJars().classUsing("demo.Store", "java.sql.Connection").write(jars.resolve("store.jar"));
        new TestJars().entry("ai/onnxruntime/OrtEnvironment.class", "classes")
                .entry("ai/onnxruntime/native/" + ortFolder + "/libonnxruntime.so", "ELF")
                .entry("ai/onnxruntime/native/win-x64/onnxruntime.dll", "PE")
                .write(jars.resolve("onnxruntime-1.29.0.jar"));
        PackagingOptions options = PackagingOptions.parse("--jars=" + jars, "--work=" + dir.resolve("work"),
                "--dest=" + dir.resolve("dest"), "--version=1.2.0-SNAPSHOT", "--flavour=cpu", "--types=app-image");

        new Packager(options, TargetPlatform.LINUX).run();

        Path image = dir.resolve("dest/cpu/PathLane");
        Path natives = image.resolve("lib/app/native/onnxruntime");
        assertThat(natives.resolve("libonnxruntime.so")).hasContent("ELF");
        try (JarFile ort = new JarFile(image.resolve("lib/app/onnxruntime-1.29.0.jar").toFile())) {
            assertThat(ort.stream()).noneMatch(e -> e.getName().startsWith("ai/onnxruntime/native/"));
        }
        assertThat(Files.readString(image.resolve("lib/runtime/release"))).contains("java.sql").doesNotContain("java.desktop");
        Path errors = dir.resolve("launcher-stderr.txt");
        Process launcher = new ProcessBuilder(image.resolve("bin/PathLane").toString()).redirectError(errors.toFile()).start();
        String printed = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(() -> "launcher stderr: " + readQuietly(errors)).isZero();
        assertThat(Path.of(printed).toRealPath()).isEqualTo(natives.toRealPath());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
