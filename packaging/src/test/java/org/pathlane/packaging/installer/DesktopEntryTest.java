package org.pathlane.packaging.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopEntryTest {

    @Test
    void passesDoubleClickedSlidesToTheLauncher(@TempDir Path dir) throws Exception {
        Path file = DesktopEntry.write(dir);

        assertThat(file.getFileName().toString()).isEqualTo("PathLane.desktop");
        assertThat(Files.readAllLines(file)).contains("Exec=APPLICATION_LAUNCHER %F", "DESKTOP_MIMES", "Type=Application");
    }
}
