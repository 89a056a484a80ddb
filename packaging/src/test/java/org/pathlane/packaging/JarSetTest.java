package org.pathlane.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSetTest {

    @TempDir
    Path dir;

    @Test
    void sortsTheAppsJarsByWhatThePackagerDoesWithThem() throws Exception {
        Path library = new TestJars().entry("com/example/Lib.class", "x").write(dir.resolve("a-library.jar"));
        Path app = new TestJars().entry("org/pathlane/app/Main.class", "x").write(dir.resolve("pathlane-app.jar"));
        Path onnx = new TestJars().entry("ai/onnxruntime/OrtEnvironment.class", "x").write(dir.resolve("onnxruntime.jar"));
        Path javaFx = new TestJars().module("javafx.graphics").write(dir.resolve("javafx-graphics-26-linux.jar"));
        new TestJars().manifest("Automatic-Module-Name", "javafx.graphicsEmpty").write(dir.resolve("javafx-graphics-26.jar"));

        JarSet jars = JarSet.scan(dir);

        assertThat(jars.mainJar()).isEqualTo(app);
        assertThat(jars.classPath()).containsExactly(app, library);
        assertThat(jars.javaFx()).containsExactly(javaFx);
        assertThat(jars.onnxRuntime()).contains(onnx);
    }

    @Test
    void saysToBuildTheAppWhenItsJarIsMissing() throws Exception {
        new TestJars().entry("com/example/Lib.class", "x").write(dir.resolve("lib.jar"));

        assertThatThrownBy(() -> JarSet.scan(dir))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("org.pathlane.app.Main");
    }
}
