package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSlideLibraryTest {

    @Test
    void theSystemLibraryReportsAVersionThisBindingSupports() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        OpenSlideLibrary lib = OpenSlideLibrary.get();
        assertThat(lib.version()).matches("[34]\\..*");
    }

    @Test
    void aConfiguredPathThatDoesNotExistIsNamedWithItsSource(@TempDir Path dir) {
        Path missing = dir.resolve("libopenslide.so.9");
        assertThatThrownBy(() -> OpenSlideLibrary.load(missing.toString(), "PATHLANE_OPENSLIDE"))
                .isInstanceOf(OpenSlideMissingException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("PATHLANE_OPENSLIDE");
    }

    @Test
    void aConfiguredFileThatIsNotALibrarySaysSo(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("libopenslide.so.1"), "not a shared library");
        assertThatThrownBy(() -> OpenSlideLibrary.load(junk.toString(), "-Dpathlane.openslide"))
                .isInstanceOf(OpenSlideMissingException.class)
                .hasMessageContaining("cannot load the OpenSlide library " + junk);
    }

    @Test
    void aConfiguredRealLibraryIsUsed() throws Exception {
        Path debian = Path.of("/usr/lib/x86_64-linux-gnu/libopenslide.so.0");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(debian), "no Debian libopenslide0 here");
        OpenSlideLibrary lib = OpenSlideLibrary.load(debian.toString(), "test");
        assertThat(lib.location()).isEqualTo(debian.toString());
        assertThat(lib.version()).isNotBlank();
    }
}
