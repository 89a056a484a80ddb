package org.pathlane.scheduler.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.engine.LabDatabase;

/** {@code --db} and its credentials: from a file or the environment, never the command line, never printed. */
class LabDatabaseTest {

    @Test
    void anAddressAndCredentialsFromTheEnvironmentMakeAJdbcUrlWithoutSecrets() {
        LabDatabase lab = LabDatabase.parse("postgresql://dbhost:5433/pathlane", null,
                Map.of("PATHLANE_DB_USER", "lab", "PATHLANE_DB_PASSWORD", "s3cret"));
        assertThat(lab.jdbcUrl()).isEqualTo("jdbc:postgresql://dbhost:5433/pathlane");
        assertThat(lab.user()).isEqualTo("lab");
        assertThat(lab.password()).isEqualTo("s3cret");
        assertThat(lab.toString()).doesNotContain("s3cret");
        assertThat(lab.address()).isEqualTo("postgresql://dbhost:5433/pathlane");
    }

    @Test
    void aCredentialsFileWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("db.conf");
        Files.writeString(file, "# lab database\nuser=node1\npassword= with spaces \n");
        LabDatabase lab = LabDatabase.parse("postgresql://dbhost/pathlane", file,
                Map.of("PATHLANE_DB_USER", "other", "PATHLANE_DB_PASSWORD", "x"));
        assertThat(lab.user()).isEqualTo("node1");
        assertThat(lab.password()).isEqualTo(" with spaces ");
    }

    @Test
    void credentialsOnTheCommandLineOrMissingOnesAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PATHLANE_DB_USER", "lab", "PATHLANE_DB_PASSWORD", "x");
        assertThatThrownBy(() -> LabDatabase.parse("postgresql://lab:pw@dbhost/pathlane", null, env))
                .hasMessageContaining("do not go on the command line").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> LabDatabase.parse("postgresql://dbhost/pathlane?password=pw", null, env))
                .hasMessageContaining("--db-credentials");
        assertThatThrownBy(() -> LabDatabase.parse("postgresql://dbhost/pathlane", null, Map.of()))
                .hasMessageContaining("no credentials").hasMessageContaining("PATHLANE_DB_USER");
        assertThatThrownBy(() -> LabDatabase.parse("mysql://dbhost/pathlane", null, env))
                .hasMessageContaining("postgresql://dbhost/pathlane");
        Path half = dir.resolve("half.conf");
        Files.writeString(half, "user=lab\n");
        assertThatThrownBy(() -> LabDatabase.parse("postgresql://dbhost/pathlane", half, env))
                .hasMessageContaining(half.toString()).hasMessageContaining("password=SECRET");
        assertThatThrownBy(() -> LabDatabase.parse("postgresql://dbhost/pathlane", dir.resolve("none"), env))
                .hasMessageContaining("cannot read it");
    }
}
