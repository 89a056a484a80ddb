package org.pathlane.packaging.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.packaging.JdkTool;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;
import org.pathlane.packaging.TestJars;

class JavaFxJmodsTest {

    @TempDir
    Path dir;

    @Test
    void movesTheJarsNativeLibrariesIntoTheJmodsLibSection() throws Exception {
        Path jar = new TestJars().module("javafx.fake")
                .entry("libfake_glass.so", "ELF")
                .entry("javafx-swt.jar", "nested")
                .entry("com/sun/fake/shader.frag", "void main() {}")
                .write(dir.resolve("javafx-fake-26-linux.jar"));

        List<String> modules = new JavaFxJmods(TargetPlatform.LINUX).create(List.of(jar), dir.resolve("work"), dir.resolve("jmods"));

        assertThat(modules).containsExactly("javafx.fake");
        String listing = JdkTool.run("jmod", List.of("list", dir.resolve("jmods/javafx.fake.jmod").toString()));
        assertThat(listing.lines()).contains("lib/libfake_glass.so", "classes/module-info.class", "classes/com/sun/fake/shader.frag");
        assertThat(listing).doesNotContain("javafx-swt.jar").doesNotContain("classes/libfake_glass.so");
    }

    @Test
    void refusesAJarWithoutModuleDescriptor() throws Exception {
        Path jar = new TestJars().manifest("Automatic-Module-Name", "javafx.fake").entry("libx.so", "ELF")
                .write(dir.resolve("javafx-fake-26.jar"));

        assertThatThrownBy(() -> new JavaFxJmods(TargetPlatform.LINUX).create(List.of(jar), dir.resolve("work"), dir.resolve("jmods")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("javafx-fake-26.jar");
        assertThat(dir.resolve("jmods/javafx.fake.jmod")).doesNotExist();
    }

    @Test
    void runtimeImageHoldsExactlyTheRequestedModulesWithTheirLibraries() throws Exception {
        Path jar = new TestJars().module("javafx.fake").entry("libfake_glass.so", "ELF").write(dir.resolve("fake.jar"));
        new JavaFxJmods(TargetPlatform.LINUX).create(List.of(jar), dir.resolve("work"), dir.resolve("jmods"));

        Path runtime = RuntimeImage.link(dir.resolve("jmods"), List.of("java.base", "javafx.fake"), dir.resolve("runtime"));

        assertThat(Files.readString(runtime.resolve("release"))).contains("MODULES=\"java.base javafx.fake\"");
        assertThat(runtime.resolve("lib/libfake_glass.so")).hasContent("ELF");
        assertThatThrownBy(() -> RuntimeImage.link(dir.resolve("jmods"), List.of("java.base"), runtime))
                .isInstanceOf(PackagingException.class).hasMessageContaining("already exists");
    }
}
