package org.pathlane.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetPlatformTest {

    @Test
    void recognisesTheThreeDesktopSystemsByTheirJavaNames() {
        assertThat(TargetPlatform.of("Linux")).isEqualTo(TargetPlatform.LINUX);
        assertThat(TargetPlatform.of("Windows 11")).isEqualTo(TargetPlatform.WINDOWS);
        assertThat(TargetPlatform.of("Mac OS X")).isEqualTo(TargetPlatform.MAC);
        assertThatThrownBy(() -> TargetPlatform.of("SunOS"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("SunOS");
    }

    @Test
    void namesOnnxRuntimeLibraryFoldersAsItsJarsDo() {
        assertThat(TargetPlatform.LINUX.onnxRuntimeFolder("amd64")).isEqualTo("linux-x64");
        assertThat(TargetPlatform.WINDOWS.onnxRuntimeFolder("amd64")).isEqualTo("win-x64");
        assertThat(TargetPlatform.MAC.onnxRuntimeFolder("aarch64")).isEqualTo("osx-aarch64");
        assertThat(TargetPlatform.MAC.onnxRuntimeFolder("x86_64")).isEqualTo("osx-x64");
        assertThatThrownBy(() -> TargetPlatform.LINUX.onnxRuntimeFolder("ppc64le"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("ppc64le");
    }

    @Test
    void recognisesEachPlatformsSharedLibraries() {
        assertThat(TargetPlatform.LINUX.isNativeLibrary("libopenslide.so.1")).isTrue();
        assertThat(TargetPlatform.LINUX.isNativeLibrary("libglass.so")).isTrue();
        assertThat(TargetPlatform.LINUX.isNativeLibrary("glass.dll")).isFalse();
        assertThat(TargetPlatform.WINDOWS.isNativeLibrary("libopenslide-1.dll")).isTrue();
        assertThat(TargetPlatform.MAC.isNativeLibrary("libopenslide.1.dylib")).isTrue();
        assertThat(TargetPlatform.MAC.isNativeLibrary("libx.so")).isFalse();
    }
}
