package org.pathlane.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFoldersTest {

    @TempDir
    Path data;

    @Test
    void everyProfileGetsItsOwnExportsFolderInsideTheDataFolder() {
        List<Path> exports = List.of("ada", "Ada", "../ada", ".ada", "Ada Lovelace", "").stream()
                .map(name -> ProfileFolders.of(data, name).exports()).toList();
        assertThat(exports).doesNotHaveDuplicates().allSatisfy(p -> {
            assertThat(p).isDirectory();
            assertThat(p.toAbsolutePath().normalize()).startsWith(data.resolve("profiles").toAbsolutePath());
        });
        assertThat(exports.getFirst()).isEqualTo(data.resolve("profiles/ada/exports"));
    }
}
