package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReadCommandTest {

    @Test
    void benchHelpListsRead() {
        CliRun run = CliRun.of("bench", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("read");
    }

    @Test
    void theSlideIsRequired() {
        CliRun run = CliRun.of("bench", "read");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--slide");
    }

    @Test
    void aMissingSlideIsOneLineNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("mosaic.svs");
        CliRun run = CliRun.of("bench", "read", "--slide", missing.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(missing.toString()).contains("no such file");
    }

    @Test
    void nonPositiveSettingsAreRefused(@TempDir Path dir) {
        CliRun run = CliRun.of("bench", "read", "--slide", dir.resolve("x.svs").toString(), "--threads", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--threads");
    }
}
