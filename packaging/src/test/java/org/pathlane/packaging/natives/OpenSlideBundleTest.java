package org.pathlane.packaging.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

class OpenSlideBundleTest {

    @TempDir
    Path dir;

    @Test
    void copiesTheOfficialWindowsBuildAndNamesItsLibrary() throws Exception {
        Path unpacked = dir.resolve("openslide-bin-4.0.0.8-windows-x64");
        Files.createDirectories(unpacked.resolve("bin"));
        Files.writeString(unpacked.resolve("bin/libopenslide-1.dll"), "dll");
        Files.writeString(unpacked.resolve("bin/slidetool.exe"), "exe");
        Files.writeString(unpacked.resolve("README.md"), "readme");

        Path library = OpenSlideBundle.copy(unpacked, TargetPlatform.WINDOWS, dir.resolve("image/native/openslide"));

        assertThat(library).isEqualTo(dir.resolve("image/native/openslide/libopenslide-1.dll")).hasContent("dll");
        assertThat(dir.resolve("image/native/openslide/slidetool.exe")).doesNotExist();
    }

    @Test
    void saysWhatIsMissing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("other.dylib"), "x");

        assertThatThrownBy(() -> OpenSlideBundle.copy(empty, TargetPlatform.MAC, dir.resolve("out")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("libopenslide.1.dylib").hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> OpenSlideBundle.copy(dir.resolve("nowhere"), TargetPlatform.MAC, dir.resolve("out")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("does not exist");
    }
}
