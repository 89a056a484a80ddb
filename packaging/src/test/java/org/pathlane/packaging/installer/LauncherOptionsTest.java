package org.pathlane.packaging.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void grantsNativeAccessAndPointsOnnxRuntimeAtItsExtractedLibraries() {
        List<String> options = LauncherOptions.javaOptions(List.of("javafx.base", "javafx.graphics"), Optional.empty());

        assertThat(options).contains("--enable-native-access=ALL-UNNAMED,javafx.graphics",
                "-Donnxruntime.native.path=$APPDIR/native/onnxruntime");
        assertThat(options).noneMatch(o -> o.startsWith("-Dpathlane.openslide"));
    }

    @Test
    void pointsPathLaneAtABundledOpenSlide() {
        List<String> options = LauncherOptions.javaOptions(List.of(), Optional.of("libopenslide-1.dll"));

        assertThat(options).contains("--enable-native-access=ALL-UNNAMED",
                "-Dpathlane.openslide=$APPDIR/native/openslide/libopenslide-1.dll");
    }
}
