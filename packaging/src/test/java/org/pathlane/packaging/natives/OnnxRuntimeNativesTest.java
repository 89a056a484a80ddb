package org.pathlane.packaging.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TestJars;

class OnnxRuntimeNativesTest {

    @TempDir
    Path dir;

    private Path gpuJar() throws Exception {
        return new TestJars()
                .entry("ai/onnxruntime/OrtEnvironment.class", "classes")
                .entry("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "linux core")
                .entry("ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so", "linux cuda")
                .entry("ai/onnxruntime/native/win-x64/onnxruntime.dll", "windows core")
                .entry("ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib", "mac core")
                .entry("ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib.dSYM/Contents/Resources/DWARF/libonnxruntime.dylib", "debug")
                .write(dir.resolve("onnxruntime_gpu.jar"));
    }

    @Test
    void extractsThisPlatformsLibrariesAndShipsTheJarWithoutAny() throws Exception {
        Path out = dir.resolve("input/onnxruntime_gpu.jar");
        Path natives = dir.resolve("input/native/onnxruntime");

        List<String> libs = OnnxRuntimeNatives.split(gpuJar(), "linux-x64", out, natives);

        assertThat(libs).containsExactly("libonnxruntime.so", "libonnxruntime_providers_cuda.so");
        assertThat(natives.resolve("libonnxruntime_providers_cuda.so")).hasContent("linux cuda");
        try (Stream<Path> files = Files.list(natives)) {
            assertThat(files).hasSize(2);
        }
        try (JarFile jar = new JarFile(out.toFile())) {
            assertThat(jar.getEntry("ai/onnxruntime/OrtEnvironment.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName())).noneMatch(n -> n.startsWith("ai/onnxruntime/native/"));
        }
    }

    @Test
    void leavesMacDebugSymbolsBehind() throws Exception {
        Path natives = dir.resolve("natives");

        List<String> libs = OnnxRuntimeNatives.split(gpuJar(), "osx-aarch64", dir.resolve("out.jar"), natives);

        assertThat(libs).containsExactly("libonnxruntime.dylib");
        assertThat(natives.resolve("libonnxruntime.dylib")).hasContent("mac core");
    }

    @Test
    void pointsToTheCpuFlavourWhenTheJarHasNoLibrariesForThisPlatform() throws Exception {
        Path jar = gpuJar();

        assertThatThrownBy(() -> OnnxRuntimeNatives.split(jar, "osx-x64", dir.resolve("out.jar"), dir.resolve("natives")))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("osx-x64").hasMessageContaining("[linux-x64, osx-aarch64, win-x64]")
                .hasMessageContaining("--cpu");
    }
}
